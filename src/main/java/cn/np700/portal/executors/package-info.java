/**
 * Executors: every thread pool of the portal, configured as beans in one place (sized, named, measured by the
 * actuator's executor metrics), so that no component builds a pool of its own.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Executors")
package cn.np700.portal.executors;
