/**
 * User management in one scope (an enterprise admin's own users, or the operators' staff): the list, creating a user
 * with a one-time password, enabling and disabling, changing roles, resetting passwords, never the last admin.
 */
package cn.np700.portal.tenancy.users;
