/** A signed-in user's own password change: the policy it must meet and the paused guesses of the current password. */
package cn.np700.portal.tenancy.passwords;
