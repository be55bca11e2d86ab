package cn.np700.portal.tenancy.users;

import cn.np700.portal.tenancy.Role;
import cn.np700.portal.tenancy.accounts.UsernameRules;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Arrays;
import jakarta.validation.constraints.Size;

/** A new user as typed by an admin; the tenant comes from the admin's own scope, never from the form. */
record UserForm(@NotBlank @Pattern(regexp = UsernameRules.PATTERN) String username,
        @NotBlank @Size(max = 50) String displayName, @NotBlank String role) {

    static UserForm empty(Role role) {
        return new UserForm(null, null, role.name());
    }

    /** The role asked for, or null when the value is not a role at all. */
    Role roleValue() {
        return Arrays.stream(Role.values()).filter(r -> r.name().equals(role)).findFirst().orElse(null);
    }

    UserForm normalized() {
        return new UserForm(username == null ? null : username.trim().toLowerCase(),
                displayName == null ? null : displayName.trim(), role);
    }
}
