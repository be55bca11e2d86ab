package cn.np700.portal.compliance.report;

import cn.np700.portal.scope.TenantId;
import java.util.Locale;

/**
 * One tenant's figures for one month, as the report page and the CSV file show them; the consents recorded and
 * withdrawn in the month, and those in force at its end.
 */
public record ComplianceReportRow(TenantId tenantId, String tenantName, long numbersHeld, long numbersEverBound,
        long blocksHeld, long bindingsCreated, long calls, long answered, long complaints, long alerts,
        long alertsActed, long consentsRecorded, long consentsWithdrawn, long consentsInForce) {

    /** Share of the numbers held that were ever bound, as "12.5%"; "—" when none are held. */
    public String utilisation() {
        return percent(numbersEverBound, numbersHeld);
    }

    /** Share of the month's calls that were answered, as "70.0%"; "—" without calls. */
    public String answerRate() {
        return percent(answered, calls);
    }

    private static String percent(long part, long whole) {
        if (whole <= 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.1f%%", part * 100.0 / whole);
    }
}
