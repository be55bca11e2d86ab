package cn.np700.portal.risk.alerts;

import cn.np700.portal.risk.RiskAlert;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.bindings.BindingSuspensions;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.suspension.SuspensionReason;
import cn.np700.portal.suspension.SuspensionSource;
import cn.np700.portal.tenancy.TenantSuspensions;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Carries out a suspension for an alert (the number X, the bindings of X or of an A, or the tenant) and lifts it
 * again. The alert is a reason of its own on each subject it suspends (source ALERT, the alert's id): lifting it closes
 * that reason only, so a subject another alert or an operator also holds stays suspended. The bindings an alert
 * suspended are also recorded with it (risk_alert_binding), for the alert's page.
 */
@Component
class RiskSuspension {

    enum Kind { NUMBER, BINDING, TENANT }

    // the action a suspension records on its alert, and the action that lifting it records
    private static final Map<String, String> LIFTED = Map.of("NUMBER_SUSPENDED", "NUMBER_LIFTED",
            "BINDING_SUSPENDED", "BINDING_LIFTED", "TENANT_SUSPENDED", "TENANT_LIFTED");

    private final JdbcClient jdbc;
    private final NumberSuspensions numbers;
    private final BindingSuspensions bindings;
    private final TenantSuspensions tenants;

    RiskSuspension(JdbcClient jdbc, NumberSuspensions numbers, BindingSuspensions bindings, TenantSuspensions tenants) {
        this.jdbc = jdbc;
        this.numbers = numbers;
        this.bindings = bindings;
        this.tenants = tenants;
    }

    /** The suspension an auto-suspend rule takes for its subject. */
    static Kind automatic(RiskHit hit) {
        return switch (hit.kind()) {
            case "x" -> Kind.NUMBER;
            case "a" -> Kind.BINDING;
            default -> Kind.TENANT;
        };
    }

    /** The action name recorded on the alert, or null when there was nothing to suspend. */
    String suspend(Kind kind, long alertId, String subject, TenantId tenant, String by, String reason) {
        String type = subject.substring(0, subject.indexOf(':'));
        String key = keyOf(subject);
        String source = Long.toString(alertId);
        return switch (kind) {
            case NUMBER -> {
                if (!type.equals("x") || !inPool(key)) {
                    yield null;
                }
                yield numbers.suspendFor(new UsageNumber(Long.parseLong(key)), SuspensionSource.ALERT, source, by, reason)
                        ? "NUMBER_SUSPENDED" : null;
            }
            case BINDING -> {
                List<Long> ids = switch (type) {
                    case "x" -> jdbc.sql("SELECT id FROM binding_party WHERE x = ? AND status IN ('ACTIVE', 'SUSPENDED')")
                            .param(Long.parseLong(key)).query(Long.class).list();
                    case "a" -> jdbc.sql("SELECT id FROM binding_party WHERE tenant_id = ? AND a_hash = ? AND status IN ('ACTIVE', 'SUSPENDED')")
                            .params(tenant, HexFormat.of().parseHex(key)).query(Long.class).list();
                    default -> List.of();
                };
                int suspended = 0;
                for (Long id : ids) {
                    if (bindings.suspendFor(id, SuspensionSource.ALERT, source, by, reason)) {
                        jdbc.sql("INSERT IGNORE INTO risk_alert_binding (alert_id, binding_id) VALUES (?, ?)").params(alertId, id).update();
                        suspended++;
                    }
                }
                yield suspended > 0 ? "BINDING_SUSPENDED" : null;
            }
            case TENANT -> tenant != null && tenants.suspendFor(tenant, SuspensionSource.ALERT, source, by, reason)
                    ? "TENANT_SUSPENDED" : null;
        };
    }

    /** Whether the alert still holds a reason on what it suspended, so that there is something to lift. */
    boolean liftable(RiskAlert alert) {
        if (alert.action() == null || !LIFTED.containsKey(alert.action())) {
            return false;
        }
        String source = Long.toString(alert.id());
        return switch (alert.action()) {
            case "NUMBER_SUSPENDED" -> numbers.heldBy(new UsageNumber(Long.parseLong(keyOf(alert.subject()))),
                    SuspensionSource.ALERT, source);
            case "BINDING_SUSPENDED" -> !bindings.heldBy(SuspensionSource.ALERT, source).isEmpty();
            default -> alert.tenantId() != null && tenants.heldBy(alert.tenantId(), SuspensionSource.ALERT, source);
        };
    }

    /** Lifts the alert's own reasons; the action name recorded on the alert, or null when it held none any more. */
    String lift(RiskAlert alert, String by, String note) {
        if (!liftable(alert)) {
            return null;
        }
        String source = Long.toString(alert.id());
        boolean lifted = switch (alert.action()) {
            case "NUMBER_SUSPENDED" -> numbers.liftFor(new UsageNumber(Long.parseLong(keyOf(alert.subject()))),
                    SuspensionSource.ALERT, source, by, note);
            case "BINDING_SUSPENDED" -> {
                int restored = 0;
                for (Long id : bindings.heldBy(SuspensionSource.ALERT, source)) {
                    restored += bindings.liftFor(id, SuspensionSource.ALERT, source, by, note) ? 1 : 0;
                }
                yield restored > 0;
            }
            default -> tenants.liftFor(alert.tenantId(), SuspensionSource.ALERT, source, by, note);
        };
        return lifted ? LIFTED.get(alert.action()) : null;
    }

    /** The open reasons on the alert's number and on its enterprise, so that the operator sees what already holds them. */
    Map<String, List<SuspensionReason>> openReasons(RiskAlert alert) {
        Map<String, List<SuspensionReason>> open = new LinkedHashMap<>();
        if (alert.subject().startsWith("x:") && inPool(keyOf(alert.subject()))) {
            List<SuspensionReason> number = numbers.reasons(new UsageNumber(Long.parseLong(keyOf(alert.subject()))))
                    .stream().filter(SuspensionReason::open).toList();
            if (!number.isEmpty()) {
                open.put("NUMBER", number);
            }
        }
        if (alert.tenantId() != null) {
            List<SuspensionReason> tenant = tenants.openReasons(alert.tenantId());
            if (!tenant.isEmpty()) {
                open.put("TENANT", tenant);
            }
        }
        return open;
    }

    private boolean inPool(String x) {
        return jdbc.sql("SELECT COUNT(*) FROM pool_number_use WHERE number = ?").param(Long.parseLong(x)).query(Long.class).single() > 0;
    }

    /** "x:700…" or "a:<hash>": what follows the type. */
    private static String keyOf(String subject) {
        return subject.substring(subject.indexOf(':') + 1);
    }
}
