package cn.np700.portal.numbers.inventory;

/** One line of an inventory import as typed: a block code or a range {@code first-last}, the grant reference and date. */
public record ImportLine(int lineNo, String codes, String grantRef, String grantDate) {
}
