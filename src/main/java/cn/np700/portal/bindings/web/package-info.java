/**
 * The enterprise's and operators' binding pages: lists, details, the creation form and the forms that change, unbind
 * and restore.
 */
package cn.np700.portal.bindings.web;
