/**
 * The verifiers behind the check: the {@code RealNameVerifier} port, the simulator, and the HTTP adapter for a
 * carrier's service with its retries and circuit breaker.
 */
package cn.np700.portal.verification.verifiers;
