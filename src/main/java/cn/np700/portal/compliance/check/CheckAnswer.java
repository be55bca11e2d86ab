package cn.np700.portal.compliance.check;

import cn.np700.portal.tenancy.BusinessCategory;

/**
 * What the public check says about a number: whether the platform holds it and, when allocated, the enterprise's
 * public facts. Deliberately nothing about bindings or real numbers.
 */
public record CheckAnswer(Verdict verdict, String number, String enterprise, BusinessCategory category) {

    public enum Verdict { ALLOCATED, UNALLOCATED, NOT_PLATFORM }

    public boolean allocated() {
        return verdict == Verdict.ALLOCATED;
    }
}
