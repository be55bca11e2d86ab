package cn.np700.portal.numbers.allocation;

import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.inventory.ImportLineParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Picks inventory blocks for an approval, inside its transaction: the first run of consecutive codes long enough when
 * there is one (so a tenant's numbers stay together), otherwise the lowest free codes. The allocation's conditional
 * UPDATE still decides who gets a block.
 */
@Component
public class BlockChooser {

    private final JdbcClient jdbc;

    BlockChooser(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Long> choose(int count) {
        Optional<Long> runStart = jdbc.sql("""
                SELECT MIN(code) FROM (
                    SELECT code, code - ROW_NUMBER() OVER (ORDER BY code) AS run
                    FROM number_block WHERE status = 'IN_INVENTORY') free
                GROUP BY run HAVING COUNT(*) >= ? ORDER BY MIN(code) LIMIT 1""")
                .param(count).query(Long.class).optional();
        String from = runStart.isPresent() ? " AND code >= ?" : "";
        List<Object> params = new ArrayList<>();
        runStart.ifPresent(params::add);
        params.add(count);
        // locking what it proposes (and skipping what other approvals hold) keeps concurrent approvals apart
        return jdbc.sql("SELECT code FROM number_block WHERE status = 'IN_INVENTORY'" + from
                        + " ORDER BY code LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(params).query(Long.class).list();
    }

    /** Codes typed by an operator, one per line or separated by commas or spaces; ranges {@code first-last} allowed. */
    public static List<Long> parsePicks(String typed, List<String> problems) {
        Set<Long> codes = new LinkedHashSet<>();
        if (typed == null) {
            return List.of();
        }
        for (String token : typed.split("[,;\\s]+")) {
            if (token.isBlank()) {
                continue;
            }
            String[] range = BlockCode.splitRange(token);
            Optional<BlockCode> first = BlockCode.parse(range[0]);
            Optional<BlockCode> last = range.length == 1 ? first : BlockCode.parse(range[1]);
            if (first.isEmpty() || last.isEmpty() || last.get().value() < first.get().value()
                    || last.get().value() - first.get().value() >= ImportLineParser.MAX_BLOCKS) {
                problems.add(token);
                continue;
            }
            for (long c = first.get().value(); c <= last.get().value(); c++) {
                codes.add(c);
            }
        }
        return new ArrayList<>(codes);
    }
}
