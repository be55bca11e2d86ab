package cn.np700.portal.numbers.inventory;

/** The import page's form: one code (leave "to" empty) or a range, with the grant's reference and date. */
record ImportForm(String fromCode, String toCode, String grantRef, String grantDate) {

    static ImportForm empty() {
        return new ImportForm(null, null, null, null);
    }

    ImportLine line() {
        String from = fromCode == null ? "" : fromCode.trim();
        // without a first code there is no range: the missing first code is what gets reported
        return new ImportLine(1, range() && !from.isEmpty() ? from + "-" + toCode.trim() : from, grantRef, grantDate);
    }

    boolean range() {
        return toCode != null && !toCode.isBlank();
    }
}
