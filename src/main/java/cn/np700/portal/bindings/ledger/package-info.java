/**
 * The bindings ledger: every statement on the binding tables (bindings, their slots, the tenants' usage counters, the
 * peer counts, the suspension reasons) and on the X counters a binding takes.
 */
package cn.np700.portal.bindings.ledger;
