package cn.np700.portal.tenancy.accounts;

/** An account just created, with its one-time password: shown once on the response page, stored only hashed. */
public record NewAccount(long userId, String username, String oneTimePassword) {
}
