/**
 * Retention: the nightly purge of detail records, call events and route rejections past their age, and of old roll-ups.
 */
package cn.np700.portal.calls.retention;
