/**
 * What a call record is made of: its type (voice, SMS), result and direction, and numbers as the carrier sends\n * them (normalised, masked).
 */
package cn.np700.portal.calls.records;
