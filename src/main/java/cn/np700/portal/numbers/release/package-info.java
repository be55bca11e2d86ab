/**
 * Blocks leaving a tenant: release by the enterprise, reclaim by operators or on termination (ending the live
 * bindings through the bindings module), cooling, and the job that returns cooled blocks to the inventory.
 */
package cn.np700.portal.numbers.release;
