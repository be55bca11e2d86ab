package cn.np700.portal.numbers.requests;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an enterprise admin types to request blocks; all text, so that anything typed comes back to the form. */
public record RequestForm(
        @NotBlank @Pattern(regexp = "\\s*\\d{1,6}\\s*") String blocks,
        @NotBlank String scenario,
        @NotBlank @Pattern(regexp = "\\s*\\d{1,9}\\s*") String expectedDailyBindings,
        @NotBlank @Size(min = 20, max = 2000) String justification) {

    static RequestForm empty() {
        return new RequestForm("1", null, null, null);
    }

    int blocksValue() {
        return Integer.parseInt(blocks.trim());
    }

    long expectedDailyBindingsValue() {
        return Long.parseLong(expectedDailyBindings.trim());
    }
}
