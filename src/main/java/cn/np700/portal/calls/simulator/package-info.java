/**
 * Demo traffic: the traffic simulator (a background run that routes and ingests simulated calls), the live\n * trickle and demo data, and the benchmark's seeded call records.
 */
package cn.np700.portal.calls.simulator;
