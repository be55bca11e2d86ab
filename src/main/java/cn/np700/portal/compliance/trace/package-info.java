/**
 * The regulator's trace: who held a 700 number at a moment, the bindings live then, the calls around it and the
 * audit entries that touched them, as a page and a CSV file.
 */
package cn.np700.portal.compliance.trace;
