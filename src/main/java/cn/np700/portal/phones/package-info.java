/**
 * Phone numbers: reading them as people type them and as the carrier sends them, and masking them for display and
 * for the stored {@code *_masked} columns. Depends on no other module (only libphonenumber).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Phone numbers")
package cn.np700.portal.phones;
