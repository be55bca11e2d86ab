/** The dashboard every user lands on (operators' figures, the panels other modules add) and an enterprise's profile. */
package cn.np700.portal.tenancy.home;
