/**
 * The blacklist pages: the operators' platform list and each enterprise's own, with their form, adding and removing
 * through {@link cn.np700.portal.blacklist.Blacklist}.
 */
package cn.np700.portal.blacklist.web;
