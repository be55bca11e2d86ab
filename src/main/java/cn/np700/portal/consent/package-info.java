/**
 * Consent: a person's authorisation for an enterprise to protect their real number (the notice's fifth rule), recorded
 * per enterprise and number, required before the number is bound, and withdrawn with immediate effect.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Consent")
package cn.np700.portal.consent;
