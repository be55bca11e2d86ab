/** The enterprise's consents page: the list (paged, filtered, sorted, numbers masked), record one, withdraw one. */
package cn.np700.portal.consent.web;
