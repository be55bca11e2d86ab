/**
 * The operators' review of number requests: the queue, what a reviewer sees beside a request, approval of all or part
 * and rejection, with four eyes (a second operator's approval from a threshold of blocks, one operator's single
 * approvals for an enterprise adding up over a window).
 */
package cn.np700.portal.numbers.review;
