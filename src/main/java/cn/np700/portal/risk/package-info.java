/** Risk: rules against marketing and resale, the alerts they raise and the suspensions they trigger. */
@org.springframework.modulith.ApplicationModule(displayName = "Risk")
package cn.np700.portal.risk;
