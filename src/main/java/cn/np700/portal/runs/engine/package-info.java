/**
 * The engine: the durable run table, the dispatcher that takes up runs, works them step by step on the workers, heart-
 * beats and takes over a silent node's runs, one run's execution, this node's name, the settings and the runs' audit
 * events.
 */
package cn.np700.portal.runs.engine;
