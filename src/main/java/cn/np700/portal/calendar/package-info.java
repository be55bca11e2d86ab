/**
 * The platform calendar: which day an instant falls on and when a day begins, in the platform's zone
 * ({@code portal.time-zone}, Beijing time by default), whatever zone the server runs in. Depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform calendar")
package cn.np700.portal.calendar;
