package cn.np700.portal.numbers;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Batch look-ups for other modules: which blocks the platform has been granted, and who holds a usage number now. */
@Component
public class NumberDirectory {

    private final JdbcClient jdbc;

    NumberDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Of these block codes, those in the platform's inventory (in any status). */
    public Set<Long> knownBlocks(Collection<Long> codes) {
        if (codes.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT code FROM number_block WHERE code IN (" + marks(codes.size()) + ")")
                .params(List.copyOf(codes)).query(Long.class).list());
    }

    /** The tenant holding each of these usage numbers now; numbers in no pool are absent. */
    public Map<Long, Long> holders(Collection<Long> numbers) {
        Map<Long, Long> holders = new HashMap<>();
        if (numbers.isEmpty()) {
            return holders;
        }
        jdbc.sql("SELECT number, tenant_id FROM pool_number WHERE number IN (" + marks(numbers.size()) + ")")
                .params(List.copyOf(numbers))
                .query(rs -> {
                    holders.put(rs.getLong(1), rs.getLong(2));
                });
        return holders;
    }

    private static String marks(int count) {
        return String.join(",", java.util.Collections.nCopies(count, "?"));
    }
}
