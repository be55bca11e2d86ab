/** Sign-in, lockout, the password-change gate, session handling, headers and who may open which URL. */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package cn.np700.portal.security;
