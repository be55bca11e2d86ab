/**
 * User accounts as stored (the {@code user_account} aggregate and its repository), their audit events, one-time
 * passwords, the username rules, and the refusal of a duplicate username or credit code.
 */
package cn.np700.portal.tenancy.accounts;
