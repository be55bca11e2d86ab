package cn.np700.portal.numbers.pool;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.numbers.BlockStatus;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.TestNumbers;
import cn.np700.portal.numbers.inventory.InventoryFilter;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The tenant's pool and the operators' block list: filtered and paged in SQL, a tenant sees only its own numbers. */
@PortalIntegrationTest
class NumberQueriesTests {

    @Autowired
    PoolQueries pool;
    @Autowired
    BlockQueries blocks;
    @Autowired
    NumberSuspensions suspensions;
    @Autowired
    TestNumbers numbers;

    @Test
    void aTenantsPoolListsOnlyItsOwnNumbersInOrder() {
        TestNumbers.Holding mine = numbers.holding(1);
        TestNumbers.Holding theirs = numbers.holding(1);

        Page<PoolNumberRow> page = pool.find(mine.tenant(), new PoolFilter(null, null, null), new PageQuery(2, 50));

        assertThat(page.total()).isEqualTo(10_000);
        assertThat(page.items()).hasSize(50);
        assertThat(page.items().get(0).number()).isEqualTo(mine.block().firstNumber() + 50);
        assertThat(pool.totals(mine.tenant())).isEqualTo(new PoolQueries.Totals(10_000, 0));
        numbers.seedLiveBindings(mine.number(7), 3);
        assertThat(pool.totals(mine.tenant())).isEqualTo(new PoolQueries.Totals(10_000, 3));
        // another tenant's number, typed in full or by its block, is simply not there
        assertThat(pool.find(mine.tenant(), new PoolFilter(theirs.number(5).display(), null, null), new PageQuery(1, 20))
                .total()).isZero();
        assertThat(pool.find(mine.tenant(), new PoolFilter(null, null, theirs.block().value()), new PageQuery(1, 20))
                .total()).isZero();
        assertThat(pool.find(theirs.tenant(), new PoolFilter(theirs.number(5).display(), null, null),
                new PageQuery(1, 20)).items()).extracting(PoolNumberRow::number).containsExactly(theirs.number(5).value());
    }

    @Test
    void thePoolFiltersByDigitsAndState() {
        TestNumbers.Holding holding = numbers.holding(1);
        TenantId tenant = holding.tenant();
        numbers.seedLiveBindings(holding.number(10), 2);
        numbers.seedLiveBindings(holding.number(20), 1);
        suspensions.suspendNumber(holding.number(30), "投诉");

        assertThat(pool.find(tenant, new PoolFilter(null, "IN_USE", null), new PageQuery(1, 20)).items())
                .extracting(PoolNumberRow::state).containsExactly("IN_USE", "IN_USE");
        assertThat(pool.find(tenant, new PoolFilter(null, "SUSPENDED", null), new PageQuery(1, 20)).items())
                .extracting(PoolNumberRow::number).containsExactly(holding.number(30).value());
        assertThat(pool.find(tenant, new PoolFilter(null, "AVAILABLE", null), new PageQuery(1, 20)).total())
                .isEqualTo(9_997);
        assertThat(pool.liveBindings(tenant)).isEqualTo(3);
        String blockDigits = holding.block().digits();
        assertThat(pool.find(tenant, new PoolFilter(blockDigits + "00", null, null), new PageQuery(1, 100)).total())
                .isEqualTo(100);
        assertThat(pool.find(tenant, new PoolFilter(null, null, holding.block().value()), new PageQuery(1, 20)).total())
                .isEqualTo(10_000);
    }

    @Test
    void theBlockListFiltersByPrefixStatusAndTenantAndShowsUsage() {
        TestNumbers.Holding holding = numbers.holding(2);
        numbers.seedLiveBindings(holding.number(1), 4);
        String prefix = holding.block().digits().substring(0, 9);

        Page<BlockRow> held = blocks.find(new InventoryFilter(null, "ALLOCATED", Long.toString(holding.tenantId())),
                SortOrder.parse("-code", BlockQueries.SORTS, "code"), new PageQuery(1, 20));
        Page<BlockRow> byPrefix = blocks.find(new InventoryFilter(prefix, null, null),
                SortOrder.parse(null, BlockQueries.SORTS, "code"), new PageQuery(1, 100));

        assertThat(held.total()).isEqualTo(2);
        assertThat(held.items()).extracting(BlockRow::code)
                .containsExactly(holding.codes().get(1), holding.codes().get(0));
        assertThat(held.items()).allSatisfy(b -> assertThat(b.tenantId()).isEqualTo(holding.tenant()));
        assertThat(byPrefix.items()).extracting(BlockRow::code).contains(holding.codes().get(0), holding.codes().get(1))
                .allSatisfy(c -> assertThat(Long.toString(c)).startsWith(prefix));
        assertThat(blocks.heldBy(holding.tenant())).extracting(BlockRow::code).containsExactlyElementsOf(holding.codes());
        BlockUsage usage = blocks.usage(held.items().get(1));
        assertThat(usage.liveBindings()).isEqualTo(4);
        assertThat(usage.numbersInUse()).isEqualTo(1);
        assertThat(usage.everBound()).isEqualTo(1);
        assertThat(usage.inUsePercent()).isEqualTo(0.01);
        assertThat(blocks.countByStatus().get(BlockStatus.ALLOCATED)).isGreaterThanOrEqualTo(2);
    }
}
