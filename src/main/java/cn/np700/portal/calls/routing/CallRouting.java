package cn.np700.portal.calls.routing;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.BindingRoutes;
import cn.np700.portal.bindings.BindingStatus;
import cn.np700.portal.bindings.RouteFacts;
import cn.np700.portal.calls.CallRouted;
import cn.np700.portal.calls.records.CallType;
import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.verification.PersonalDataCipher;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Decides where a call to X goes, from one database read. AXB: A reaches B and B reaches A; AXN: A reaches N and
 * anyone else reaches A. A binding past its expiry never connects, whether or not the expiry job has ended it.
 */
@Service
public class CallRouting {

    private final BindingRoutes routes;
    private final PersonalDataCipher cipher;
    private final RouteRejections rejections;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    /**
     * Callees already decrypted, keyed by the very ciphertext array the routing cache holds (weak keys compare by
     * identity): a repeat call answered from the cache skips AES-GCM, and a plain number stays in this node's memory
     * only as long as the cached facts it came from (dropped with them, never written anywhere). Two a cached number
     * at most (an AXB's A and B), so that a full routing cache's callees all stay decrypted.
     */
    private final Cache<byte[], String> callees;

    CallRouting(BindingRoutes routes, PersonalDataCipher cipher, RouteRejections rejections, Clock clock,
            ApplicationEventPublisher events) {
        this.routes = routes;
        this.cipher = cipher;
        this.rejections = rejections;
        this.clock = clock;
        this.events = events;
        this.callees = Caffeine.newBuilder().weakKeys().maximumSize(2 * routes.cacheCapacity()).build();
    }

    /** {@code caller}: normalised by {@link PhoneNumbers#normalizeCallNumber}. */
    public RouteDecision route(String callId, String caller, long x, CallType type) {
        Instant now = clock.instant();
        RouteFacts facts = routes.lookUp(x, cipher.index(caller), now);
        RouteDecision decision = decide(facts, x, now);
        if (!decision.connected()) {
            rejections.record(callId, x, PhoneNumbers.maskCallNumber(caller), RejectReason.valueOf(decision.reason()),
                    Optional.ofNullable(facts.tenantId()),
                    decision.bindingId());
        }
        if (facts.tenantId() != null && decision.bindingId() != null) {
            events.publishEvent(new CallRouted(facts.tenantId(), decision.bindingId(), callId, x,
                    PhoneNumbers.maskCallNumber(caller), decision.connected(), decision.reason(), now));
        }
        return decision;
    }

    private RouteDecision decide(RouteFacts facts, long x, Instant now) {
        if (!facts.xKnown()) {
            return RouteDecision.reject(RejectReason.NO_BINDING, null);
        }
        if (!facts.tenantActive()) {
            return RouteDecision.reject(RejectReason.TENANT_SUSPENDED, null);
        }
        if (!facts.xAvailable()) {
            return RouteDecision.reject(RejectReason.NUMBER_SUSPENDED, null);
        }
        if (facts.callerBlacklisted()) {
            return RouteDecision.reject(RejectReason.BLACKLISTED, null);
        }
        if (facts.candidates().isEmpty()) {
            return RouteDecision.reject(RejectReason.NO_BINDING, null);
        }
        RouteFacts.Candidate binding = facts.candidates().get(0);
        if (!binding.expiresAt().isAfter(now) || !binding.status().live()) {
            return RouteDecision.reject(RejectReason.EXPIRED, binding.bindingId());
        }
        if (binding.status() == BindingStatus.SUSPENDED) {
            return RouteDecision.reject(RejectReason.BINDING_SUSPENDED, binding.bindingId());
        }
        boolean fromA = binding.callerSlot() && binding.callerIsA();
        if (fromA ? !binding.direction().allowsFromA() : !binding.direction().allowsToA()) {
            return RouteDecision.reject(RejectReason.DIRECTION_NOT_ALLOWED, binding.bindingId());
        }
        byte[] callee;
        if (binding.mode() == BindingMode.AXB) {
            callee = fromA ? binding.bCipher() : binding.aCipher();
        } else {
            callee = fromA ? binding.nCipher() : binding.aCipher();
        }
        if (callee == null) {
            return RouteDecision.reject(RejectReason.NO_BINDING, binding.bindingId());
        }
        return RouteDecision.connect(callees.get(callee, cipher::decrypt), x, binding.record(), binding.bindingId());
    }
}
