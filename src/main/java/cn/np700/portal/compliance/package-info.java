/**
 * Compliance: what the public and the regulator may learn about the platform's 700 numbers, and what they report:
 * the public number check, citizens' complaints and their handling, and the rules and traces built on them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Compliance")
package cn.np700.portal.compliance;
