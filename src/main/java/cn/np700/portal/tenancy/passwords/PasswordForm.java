package cn.np700.portal.tenancy.passwords;

import jakarta.validation.constraints.NotBlank;

record PasswordForm(@NotBlank String currentPassword, @NotBlank String newPassword, @NotBlank String confirmPassword) {

    static PasswordForm empty() {
        return new PasswordForm(null, null, null);
    }

    /** Passwords are never sent back to the browser, not even when the form is refused. */
    PasswordForm cleared() {
        return empty();
    }
}
