/**
 * The risk rules: each rule's switch, thresholds and automatic suspension, as operators set them on their page.
 */
package cn.np700.portal.risk.rules;
