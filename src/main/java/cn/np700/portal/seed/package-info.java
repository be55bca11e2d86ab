/**
 * Demo data and the benchmark's data set, loaded at start by one explicit sequence ({@code SeedSequence}) through the
 * other modules' public APIs. Nothing depends on this module: it can be left out without touching any other.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Seed data")
package cn.np700.portal.seed;
