package io.github.nifiintegration.mapping;

/** Why one canonical field of one record could not be mapped. */
public record FieldError(String field, String reason) {

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
