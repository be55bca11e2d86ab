/**
 * Suspensions held by reason: the shape of a reason (who suspended what, why, since when, and who lifted it with which
 * note) and the ledger each owning module keeps them in. A number, binding or enterprise stays suspended while any of
 * its reasons is open; the owning module keeps its status column in step with its reasons in one transaction.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Suspension reasons")
package cn.np700.portal.suspension;
