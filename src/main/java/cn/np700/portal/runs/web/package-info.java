/**
 * The operators' list of every background run of the platform: which are going, on which node, how far each got;
 * filtered by kind and status, paged and sorted.
 */
package cn.np700.portal.runs.web;
