/**
 * Simulated traffic: the traffic simulator (a background run that routes and ingests simulated calls) and the
 * module's {@code SimulatedTraffic} on it, which the seed module's demo and benchmark data use.
 */
package cn.np700.portal.calls.simulator;
