/**
 * What a call record is made of: its type (voice, SMS), result and direction. Its numbers are parsed and masked by
 * the phones module.
 */
package cn.np700.portal.calls.records;
