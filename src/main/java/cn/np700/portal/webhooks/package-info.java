/**
 * Webhooks: an enterprise's endpoints for events pushed to it (bindings, numbers, calls, risk, quota, complaints,
 * consent), signed the Standard Webhooks way. Other modules' events are written to a durable outbox in the
 * transaction that publishes them (call routing's, published outside any transaction, in batches right after), and a
 * worker on any node claims due messages, sends them, retries with backoff for a day and keeps a delivery log.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Webhooks")
package cn.np700.portal.webhooks;
