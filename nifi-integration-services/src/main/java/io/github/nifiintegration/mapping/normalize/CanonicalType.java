package io.github.nifiintegration.mapping.normalize;

/** The value types a canonical field can have. Dates and times are ISO-8601 text. */
public enum CanonicalType {
    STRING,
    DECIMAL
}
