/**
 * The trail itself: each audited event written in its publisher's transaction, the chainer that links entries into the
 * SHA-256 hash chain after commit, the verifier that walks the chain, and the entries' row mapping.
 */
package cn.np700.portal.audit.trail;
