/**
 * The append-only, hash-chained audit trail. Other modules publish events implementing {@link cn.np700.portal.audit.AuditableEvent};
 * this module records each one in the publisher's transaction, so a state change and its entry commit together.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail")
package cn.np700.portal.audit;
