/**
 * Blacklist: real numbers that may not be bound or connected, platform-wide (operators) or for one enterprise (its
 * admins), with a reason and an optional expiry. Bindings refuse them; routing rejects a blacklisted caller.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Blacklist")
package cn.np700.portal.blacklist;
