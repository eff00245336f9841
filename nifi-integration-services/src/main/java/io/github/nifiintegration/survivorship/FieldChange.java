package io.github.nifiintegration.survivorship;

import io.github.nifiintegration.store.GoldenValue;

/** One field of a golden record before and after a change; either side is null when the field had (or has) no value. */
public record FieldChange(String field, GoldenValue before, GoldenValue after) {
}
