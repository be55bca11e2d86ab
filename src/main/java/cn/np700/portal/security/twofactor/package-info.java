/**
 * Two-factor sign-in (TOTP): enrolment with its QR code and recovery codes, the second step of signing in and the gate
 * that holds a half-signed-in session to it, an operator's reset.
 */
package cn.np700.portal.security.twofactor;
