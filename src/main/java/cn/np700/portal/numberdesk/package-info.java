/**
 * The operators' page for one 700 number: who holds it, its status, live bindings, recent calls, complaints, alerts
 * and history, with suspend and lift at hand. It owns no table: it composes the other modules' public queries.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Number desk")
package cn.np700.portal.numberdesk;
