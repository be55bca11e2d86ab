/**
 * What the rules look for: the periodic sweep and its checks on call patterns, resale and hoarding, a person's reach
 * through bindings, and complaints, each turning what it finds into alerts.
 */
package cn.np700.portal.risk.checks;
