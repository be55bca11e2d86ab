package cn.np700.portal.numbers.inventory;

import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.BlockStatus;
import cn.np700.portal.scope.TenantFilter;
import java.util.Optional;

/**
 * The inventory list's filters as typed; a prefix that is not digits is reported, not run. {@code tenantId} is the
 * operator's narrowing to one holder, as the select (or a link) sent it.
 */
public record InventoryFilter(String prefix, String status, String tenantId) {

    public String prefixDigits() {
        return prefix == null ? "" : BlockCode.digitsOf(prefix);
    }

    public boolean prefixValid() {
        String d = prefixDigits();
        return d.length() <= 11 && d.chars().allMatch(Character::isDigit);
    }

    /** Empty when what was sent is not a tenant id. */
    public Optional<TenantFilter> tenantFilter() {
        return TenantFilter.parse(tenantId);
    }

    public BlockStatus statusValue() {
        for (BlockStatus s : BlockStatus.values()) {
            if (s.name().equals(status)) {
                return s;
            }
        }
        return null;
    }
}
