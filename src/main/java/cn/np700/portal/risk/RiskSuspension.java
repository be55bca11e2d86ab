package cn.np700.portal.risk;

import cn.np700.portal.bindings.BindingSuspensions;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.tenancy.TenantSuspensions;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Carries out a suspension for an alert: the number X, the bindings of X or of an A, or the tenant. */
@Component
class RiskSuspension {

    enum Kind { NUMBER, BINDING, TENANT }

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
    String suspend(Kind kind, String subject, Long tenantId, String reason) {
        String type = subject.substring(0, subject.indexOf(':'));
        String key = subject.substring(subject.indexOf(':') + 1);
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
                    suspended += bindings.suspend(id, reason) ? 1 : 0;
                }
                yield suspended > 0 ? "BINDING_SUSPENDED" : null;
            }
            case TENANT -> tenantId != null && tenants.suspend(tenantId, reason) ? "TENANT_SUSPENDED" : null;
        };
    }
}
