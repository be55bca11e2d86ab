package cn.np700.portal.tenancy;

import cn.np700.portal.scope.TenantId;

/**
 * Limits how often a signed-in user may get their current password wrong on the password page, so a session left open
 * cannot be used to guess it. Implemented by the security module, which keeps the counts across nodes.
 */
public interface CurrentPasswordGuesses {

    /** Whether guesses are paused for this user right now (the password is then not even compared). */
    boolean paused(long userId);

    /** tenant: null for an operator, who belongs to none. */
    void wrong(long userId, String username, TenantId tenant);

    void right(long userId);
}
