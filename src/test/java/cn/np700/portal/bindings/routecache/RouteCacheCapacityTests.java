package cn.np700.portal.bindings.routecache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The routing cache's size: the setting when there is one, else a quarter of the heap at 1,600 bytes a number. */
class RouteCacheCapacityTests {

    static final long GIB = 1L << 30;

    @Test
    void unsetItHoldsWhatAQuarterOfTheHeapHolds() {
        assertThat(RouteCacheCapacity.numbers(null, 2 * GIB)).isEqualTo(335_544);
        assertThat(RouteCacheCapacity.numbers(null, 8 * GIB)).isEqualTo(1_342_177);
        assertThat(RouteCacheCapacity.numbers(null, 256L << 20)).isEqualTo(41_943);
    }

    @Test
    void aSettingWinsWhateverTheHeap() {
        assertThat(RouteCacheCapacity.numbers(100_000L, 8 * GIB)).isEqualTo(100_000);
        assertThat(RouteCacheCapacity.numbers(2_000_000L, 2 * GIB)).isEqualTo(2_000_000);
    }

    @Test
    void theCacheKeepsWhatItWasSizedFor() {
        assertThat(new RouteCache(null, 8, java.time.Duration.ofSeconds(5)).capacity())
                .isEqualTo(RouteCacheCapacity.numbers(null, Runtime.getRuntime().maxMemory()));
        assertThat(new RouteCache(Long.valueOf(123), 8, java.time.Duration.ofSeconds(5)).capacity()).isEqualTo(123);
    }
}
