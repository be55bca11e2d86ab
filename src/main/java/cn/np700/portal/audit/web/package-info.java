/**
 * The audit trail pages: the entries in the viewer's scope with their filter, and the chain check.
 */
package cn.np700.portal.audit.web;
