/**
 * Whose data a request may see: one tenant's, or (operators and platform jobs only) every tenant's. A tenant id
 * travels as a {@link cn.np700.portal.scope.TenantId}, never as a bare number whose absence could mean "everyone".
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tenant scope")
package cn.np700.portal.scope;
