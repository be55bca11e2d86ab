/**
 * Call records out: the enterprise's and the operators' record pages with their filters, keyset paging, the\n * streaming CSV export, and the API's record list.
 */
package cn.np700.portal.calls.views;
