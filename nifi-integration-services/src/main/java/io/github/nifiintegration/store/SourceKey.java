package io.github.nifiintegration.store;

/**
 * Identifies a source record across runs: the system it comes from and its id there. Replaying a
 * record with the same key updates it instead of adding a new one.
 */
public record SourceKey(String system, String id) {

    private static final char SEPARATOR = '\u001F';

    public SourceKey {
        if (system == null || system.isBlank() || id == null || id.isBlank()) {
            throw new IllegalArgumentException("a source record needs a source system and a source id, got '" + system + "' / '" + id + "'");
        }
    }

    /** A compact text form for store keys; {@link #parse} reads it back. */
    public String asString() {
        return system + SEPARATOR + id;
    }

    public static SourceKey parse(final String text) {
        final int separator = text.indexOf(SEPARATOR);
        return new SourceKey(text.substring(0, separator), text.substring(separator + 1));
    }

    @Override
    public String toString() {
        return system + "/" + id;
    }
}
