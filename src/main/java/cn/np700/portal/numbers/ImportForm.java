package cn.np700.portal.numbers;

/** The import page's form: one code (leave "to" empty) or a range, with the grant's reference and date. */
record ImportForm(String fromCode, String toCode, String grantRef, String grantDate) {

    static ImportForm empty() {
        return new ImportForm(null, null, null, null);
    }

    ImportLine line() {
        boolean range = toCode != null && !toCode.isBlank();
        String codes = range ? fromCode.trim() + "-" + toCode.trim() : fromCode;
        return new ImportLine(1, codes == null ? "" : codes, grantRef, grantDate);
    }

    boolean range() {
        return toCode != null && !toCode.isBlank();
    }
}
