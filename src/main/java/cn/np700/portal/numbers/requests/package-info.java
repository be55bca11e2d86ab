/**
 * A tenant's number requests: submitting and withdrawing them, the enterprise's request pages, and each request's
 * row and timeline.
 */
package cn.np700.portal.numbers.requests;
