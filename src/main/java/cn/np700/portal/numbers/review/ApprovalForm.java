package cn.np700.portal.numbers.review;

/** An operator's approval: how many blocks, and either AUTO (the portal picks) or the codes typed by hand. */
record ApprovalForm(String blocks, String choice, String codes) {

    boolean manual() {
        return "MANUAL".equals(choice);
    }
}
