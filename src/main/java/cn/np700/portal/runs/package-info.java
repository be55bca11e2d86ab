/**
 * Background runs: the one capability every long job uses (bulk verification, call record upload, traffic
 * simulation). A run is a durable record worked through in steps by whichever node holds it; each step commits its
 * work with the run's new position and counts; a run whose node stopped heart-beating is claimed by another node and
 * resumed from its last committed position. One progress panel, one cancel, one stale-run rule.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Background runs")
package cn.np700.portal.runs;
