package cn.np700.portal.security.apikeys;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.validation.Errors;

/** A new key's name and optional allowlist (addresses or CIDR ranges, separated by commas, spaces or lines). */
public record ApiKeyForm(String name, String allowedCidrs) {

    public static ApiKeyForm empty() {
        return new ApiKeyForm(null, null);
    }

    public String trimmedName() {
        return name == null ? "" : name.trim();
    }

    /** The allowlist in stored form (comma-separated), null for none; each bad entry is reported. */
    public String cidrs(Errors errors) {
        if (trimmedName().isEmpty()) {
            errors.rejectValue("name", "NotBlank");
        } else if (trimmedName().length() > 60) {
            errors.rejectValue("name", "apiKey.name.tooLong");
        }
        if (allowedCidrs == null || allowedCidrs.isBlank()) {
            return null;
        }
        String[] entries = allowedCidrs.trim().split("[,\\s]+");
        for (String entry : entries) {
            if (!valid(entry)) {
                errors.rejectValue("allowedCidrs", "apiKey.cidr.invalid", new Object[] {entry}, "apiKey.cidr.invalid");
                return null;
            }
        }
        String joined = Arrays.stream(entries).distinct().collect(Collectors.joining(","));
        if (joined.length() > 1000) {
            errors.rejectValue("allowedCidrs", "apiKey.cidr.tooMany");
        }
        return joined;
    }

    private static boolean valid(String entry) {
        if (!entry.matches("[0-9a-fA-F:.]+(/\\d{1,3})?")) {
            return false;
        }
        try {
            new IpAddressMatcher(entry);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
