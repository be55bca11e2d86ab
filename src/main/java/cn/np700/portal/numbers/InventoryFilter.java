package cn.np700.portal.numbers;

/** The inventory list's filters as typed; a prefix that is not digits is reported, not run. */
record InventoryFilter(String prefix, String status, Long tenantId) {

    String prefixDigits() {
        return prefix == null ? "" : BlockCode.digitsOf(prefix);
    }

    boolean prefixValid() {
        String d = prefixDigits();
        return d.length() <= 11 && d.chars().allMatch(Character::isDigit);
    }

    BlockStatus statusValue() {
        for (BlockStatus s : BlockStatus.values()) {
            if (s.name().equals(status)) {
                return s;
            }
        }
        return null;
    }
}
