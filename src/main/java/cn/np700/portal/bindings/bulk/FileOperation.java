package cn.np700.portal.bindings.bulk;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a bulk binding file does, and the columns its header may name: for CREATE the fields of a single binding
 * request (the API's JSON names), for END a binding's id or its orderRef.
 */
enum FileOperation {
    CREATE(List.of("mode", "a", "b", "n", "x", "expiresInSeconds", "expiresAt", "direction", "record", "orderRef"),
            List.of(List.of("mode"), List.of("a"), List.of("expiresInSeconds", "expiresAt"))),
    END(List.of("bindingId", "orderRef"), List.of(List.of("bindingId", "orderRef")));

    private final List<String> columns;
    /** Each inner list: the header must name at least one of these. */
    private final List<List<String>> required;

    FileOperation(List<String> columns, List<List<String>> required) {
        this.columns = columns;
        this.required = required;
    }

    List<String> columns() {
        return columns;
    }

    List<List<String>> required() {
        return required;
    }

    /** The column as this operation spells it, whatever the case and spaces it was typed with. */
    Optional<String> column(String typed) {
        String wanted = typed.strip();
        return columns.stream().filter(c -> c.equalsIgnoreCase(wanted)).findFirst();
    }

    /** Its name in URLs, forms and file names: create, end; public for the template. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<FileOperation> ofSlug(String slug) {
        for (FileOperation operation : values()) {
            if (operation.slug().equals(slug)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
