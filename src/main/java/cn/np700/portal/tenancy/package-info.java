/** Tenants (enterprises), their users and roles, and the current user every other module asks for. */
@org.springframework.modulith.ApplicationModule(displayName = "Tenancy")
package cn.np700.portal.tenancy;
