package cn.np700.portal.security.apikeys;

import cn.np700.portal.tenancy.ApiClient;
import cn.np700.portal.web.ApiProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the tenant API by {@code Authorization: Bearer <API key>}: the key must exist, be unrevoked, belong
 * to an active tenant (so a suspended tenant's keys stop at once) and, when it has an allowlist, be used from it.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeys keys;

    public ApiKeyAuthenticationFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            ApiProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
                    "Send the API key as 'Authorization: Bearer <key>'.");
            return;
        }
        Optional<ApiKeys.Presented> found = keys.find(header.substring(7).trim());
        if (found.isEmpty() || found.get().revoked()) {
            ApiProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED, "INVALID_API_KEY",
                    "The API key is unknown or revoked.");
            return;
        }
        ApiKeys.Presented key = found.get();
        if (!key.tenantActive()) {
            ApiProblemWriter.write(request, response, HttpStatus.FORBIDDEN, "TENANT_SUSPENDED",
                    "The enterprise is suspended or terminated; its API keys do not work.");
            return;
        }
        if (!allowed(key.allowedCidrs(), request.getRemoteAddr())) {
            keys.recordRefusal(key.tenantId(), key.id(), request.getRemoteAddr());
            ApiProblemWriter.write(request, response, HttpStatus.FORBIDDEN, "IP_NOT_ALLOWED",
                    "This API key may not be used from " + request.getRemoteAddr() + ".");
            return;
        }
        keys.markUsed(key.id(), key.tenantId());
        ApiClient client = new ApiClient(key.tenantId(), key.id(), key.name());
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(client,
                null, List.of(new SimpleGrantedAuthority("ROLE_API"))));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    public static boolean allowed(String cidrs, String address) {
        if (cidrs == null || cidrs.isBlank()) {
            return true;
        }
        return Arrays.stream(cidrs.split("[,\\s]+")).filter(c -> !c.isBlank())
                .anyMatch(c -> new IpAddressMatcher(c).matches(address));
    }
}
