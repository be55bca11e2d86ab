/**
 * Real-name verification of mobile numbers: the verifier providers (a simulator and an HTTP adapter for a carrier's
 * service), and the results, stored with the number encrypted and looked up through a keyed hash.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Real-name verification")
package cn.np700.portal.verification;
