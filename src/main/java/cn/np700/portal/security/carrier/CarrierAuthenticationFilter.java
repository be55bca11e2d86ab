package cn.np700.portal.security.carrier;

import cn.np700.portal.security.CarrierCaller;
import cn.np700.portal.security.apikeys.ApiKeyAuthenticationFilter;
import cn.np700.portal.web.ApiProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the carrier API by {@code Authorization: Bearer <carrier secret>}: only a registered, unrevoked
 * carrier client, from its allowlist. A tenant API key or a browser session is not a carrier credential.
 */
class CarrierAuthenticationFilter extends OncePerRequestFilter {

    private final CarrierClients clients;

    CarrierAuthenticationFilter(CarrierClients clients) {
        this.clients = clients;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            ApiProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
                    "Send the carrier credential as 'Authorization: Bearer <secret>'.");
            return;
        }
        Optional<CarrierClients.Presented> found = clients.find(header.substring(7).trim());
        if (found.isEmpty() || found.get().revoked()) {
            ApiProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIAL",
                    "The carrier credential is unknown or revoked.");
            return;
        }
        CarrierClients.Presented client = found.get();
        if (!ApiKeyAuthenticationFilter.allowed(client.allowedCidrs(), request.getRemoteAddr())) {
            ApiProblemWriter.write(request, response, HttpStatus.FORBIDDEN, "IP_NOT_ALLOWED",
                    "This carrier credential may not be used from " + request.getRemoteAddr() + ".");
            return;
        }
        clients.markUsed(client.id());
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new CarrierCaller(client.id(), client.name()), null, List.of(new SimpleGrantedAuthority("ROLE_CARRIER"))));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
