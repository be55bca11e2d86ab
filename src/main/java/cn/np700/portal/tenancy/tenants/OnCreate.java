package cn.np700.portal.tenancy.tenants;

import jakarta.validation.groups.Default;

/** Validation group for fields that only a creation form carries. */
interface OnCreate extends Default {
}
