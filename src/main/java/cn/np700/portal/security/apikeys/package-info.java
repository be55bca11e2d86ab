/**
 * Tenant API keys: created and revoked by an enterprise admin (the secret shown once, stored as its hash), and the
 * filter that turns a presented key into the {@code ApiClient} of the stateless {@code /api/v1/**} chain.
 */
package cn.np700.portal.security.apikeys;
