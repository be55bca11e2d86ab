/**
 * The tenant REST API's verification endpoint.
 */
package cn.np700.portal.verification.api;
