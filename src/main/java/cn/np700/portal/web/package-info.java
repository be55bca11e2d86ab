/** Shared web support: language, paging, sorting, error pages and problem details. Depends on no feature module. */
@org.springframework.modulith.ApplicationModule(displayName = "Web support", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package cn.np700.portal.web;
