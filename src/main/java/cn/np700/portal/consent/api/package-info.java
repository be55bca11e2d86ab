/** The tenant API's consents: record, read by id or number, withdraw. */
package cn.np700.portal.consent.api;
