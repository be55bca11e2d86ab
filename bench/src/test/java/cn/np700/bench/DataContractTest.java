package cn.np700.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DataContractTest {

    @Test
    void fullScaleNumbers() {
        DataContract data = DataContract.atScale(1.0);
        assertEquals(2000, data.blocks());
        assertEquals(1_000_000, data.bindings());
        assertEquals(10_000_000, data.callRecords());
        assertEquals(100, data.blocksPerTenant());
        assertEquals(50_000, data.bindingsPerTenant());
        assertEquals(10_000, data.partiesPerTenant());
    }

    @Test
    void smallScaleKeepsAtLeastOneBlockPerTenant() {
        DataContract data = DataContract.atScale(0.001);
        assertEquals(20, data.blocks());
        assertEquals(1000, data.bindings());
        assertEquals(10_000, data.callRecords());
        assertEquals(1, data.blocksPerTenant());
        assertEquals(50, data.bindingsPerTenant());
        assertEquals(10, data.partiesPerTenant());
        assertEquals(1, DataContract.atScale(0.00002).partiesPerTenant());
    }

    @Test
    void zeroPaddedAsFormatWould() {
        for (long n : new long[] {0, 7, 42, 999_999, 1_000_000, 123_456_789}) {
            assertEquals(String.format("%06d", n), DataContract.zeroPadded(n, 6));
        }
        assertEquals("05", DataContract.tt(5));
        assertEquals("13520000123", DataContract.partyA(20, 123));
    }

    @Test
    void numbersOfABinding() {
        DataContract data = DataContract.atScale(1.0);
        assertEquals("700200000000000", data.x(1, 0));
        assertEquals("700200000049999", data.x(1, 49_999));
        // tenant 3 starts 2 * 100 blocks further on
        assertEquals("700200002000007", data.x(3, 7));
        assertEquals(15, data.x(20, 49_999).length());
        assertEquals("13503000007", data.a(3, 7));
        assertEquals("13603000007", data.b(3, 7));
        // parties repeat every Q bindings
        assertEquals("13520000001", data.a(20, 10_001));
        assertEquals("13620000001", data.b(20, 10_001));
        assertEquals(data.xValue(2, 0), data.endX(1) + (100 * 10_000L - 50_000));
    }

    @Test
    void credentials() {
        assertEquals("bench-admin-07", DataContract.adminUsername(7));
        assertEquals("Bearer np700_bench-tenant-12-local-benchmark-key-000000000000000000",
                DataContract.apiAuthorization(12));
        assertThrows(IllegalArgumentException.class, () -> DataContract.apiAuthorization(21));
        assertThrows(IllegalArgumentException.class, () -> DataContract.atScale(0));
    }
}
