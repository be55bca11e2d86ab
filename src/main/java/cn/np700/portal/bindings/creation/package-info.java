/**
 * Creating AXB and AXN bindings: X selection, quotas and the orderRef's repeat, settled in one transaction.
 */
package cn.np700.portal.bindings.creation;
