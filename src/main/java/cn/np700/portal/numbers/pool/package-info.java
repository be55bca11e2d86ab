/**
 * The blocks and numbers tenants hold: block and pool queries with each block's usage, the operators' block page
 * (reclaim, suspend, restore, retire), the enterprise's "my numbers" page and the dashboard panel.
 */
package cn.np700.portal.numbers.pool;
