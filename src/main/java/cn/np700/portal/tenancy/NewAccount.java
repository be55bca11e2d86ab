package cn.np700.portal.tenancy;

/** An account just created, with its one-time password: shown once on the response page, stored only hashed. */
record NewAccount(long userId, String username, String oneTimePassword) {
}
