package cn.np700.portal.risk;

import cn.np700.portal.bindings.BindingSuspensions;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.tenancy.TenantSuspensions;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Carries out a suspension for an alert (the number X, the bindings of X or of an A, or the tenant) and lifts it
 * again. The bindings an alert suspended are recorded with it, so that lifting restores exactly those.
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
    String suspend(Kind kind, long alertId, String subject, Long tenantId, String reason) {
        String type = subject.substring(0, subject.indexOf(':'));
        String key = keyOf(subject);
        return switch (kind) {
            case NUMBER -> {
                if (!type.equals("x")) {
                    yield null;
                }
                UsageNumber x = new UsageNumber(Long.parseLong(key));
                String status = jdbc.sql("SELECT status FROM pool_number WHERE number = ?").param(x.value()).query(String.class)
                        .optional().orElse("SUSPENDED");
                if (status.equals("SUSPENDED")) {
                    yield null;
                }
                numbers.suspendNumber(x, reason);
                yield "NUMBER_SUSPENDED";
            }
            case BINDING -> {
                List<Long> ids = switch (type) {
                    case "x" -> jdbc.sql("SELECT id FROM binding WHERE x = ? AND status = 'ACTIVE'").param(Long.parseLong(key))
                            .query(Long.class).list();
                    case "a" -> jdbc.sql("SELECT id FROM binding WHERE tenant_id = ? AND a_hash = ? AND status = 'ACTIVE'")
                            .params(tenantId, HexFormat.of().parseHex(key)).query(Long.class).list();
                    default -> List.of();
                };
                int suspended = 0;
                for (Long id : ids) {
                    if (bindings.suspend(id, reason)) {
                        jdbc.sql("INSERT INTO risk_alert_binding (alert_id, binding_id) VALUES (?, ?)").params(alertId, id).update();
                        suspended++;
                    }
                }
                yield suspended > 0 ? "BINDING_SUSPENDED" : null;
            }
            case TENANT -> tenantId != null && tenants.suspend(tenantId, reason) ? "TENANT_SUSPENDED" : null;
        };
    }

    /** Whether what the alert suspended is still suspended, so that there is something to lift. */
    boolean liftable(RiskAlert alert) {
        if (alert.action() == null || !LIFTED.containsKey(alert.action())) {
            return false;
        }
        String key = keyOf(alert.subject());
        return switch (alert.action()) {
            case "NUMBER_SUSPENDED" -> jdbc.sql("SELECT COUNT(*) FROM pool_number WHERE number = ? AND status = 'SUSPENDED'")
                    .param(Long.parseLong(key)).query(Long.class).single() > 0;
            case "BINDING_SUSPENDED" -> !suspendedBindings(alert.id()).isEmpty();
            default -> alert.tenantId() != null
                    && jdbc.sql("SELECT COUNT(*) FROM tenant WHERE id = ? AND status = 'SUSPENDED'")
                            .param(alert.tenantId()).query(Long.class).single() > 0;
        };
    }

    /** Restores what the alert suspended; the action name recorded on the alert, or null when nothing was restored. */
    String lift(RiskAlert alert, String reason) {
        if (!liftable(alert)) {
            return null;
        }
        String key = keyOf(alert.subject());
        boolean lifted = switch (alert.action()) {
            case "NUMBER_SUSPENDED" -> {
                numbers.restoreNumber(new UsageNumber(Long.parseLong(key)), reason);
                yield true;
            }
            case "BINDING_SUSPENDED" -> {
                int restored = 0;
                for (Long id : suspendedBindings(alert.id())) {
                    restored += bindings.restore(id, reason) ? 1 : 0;
                }
                yield restored > 0;
            }
            default -> tenants.reactivate(alert.tenantId(), reason);
        };
        return lifted ? LIFTED.get(alert.action()) : null;
    }

    private List<Long> suspendedBindings(long alertId) {
        return jdbc.sql("""
                SELECT b.id FROM risk_alert_binding r JOIN binding b ON b.id = r.binding_id
                WHERE r.alert_id = ? AND b.status = 'SUSPENDED' ORDER BY b.id""").param(alertId).query(Long.class).list();
    }

    /** "x:700…" or "a:<hash>": what follows the type. */
    private static String keyOf(String subject) {
        return subject.substring(subject.indexOf(':') + 1);
    }
}
