package io.github.nifiintegration.store.postgres;

import java.util.regex.Pattern;

/**
 * Where the store's tables live: a schema and a prefix for every table and index name. Both are
 * checked against a strict identifier pattern before they are ever put into SQL text: these two are
 * the only parts of any statement that are not bound parameters, so nothing unchecked reaches SQL.
 */
public record TableNames(String schema, String prefix) {

    /** Lower-case letters, digits and underscores, not starting with a digit; PostgreSQL needs no quoting for these. */
    public static final Pattern SCHEMA_PATTERN = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** Shorter than a schema: the longest table or index name it starts must stay within PostgreSQL's 63 characters. */
    public static final Pattern PREFIX_PATTERN = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

    public TableNames {
        if (schema == null || !SCHEMA_PATTERN.matcher(schema).matches()) {
            throw new IllegalArgumentException("the schema must be 1 to 63 lower-case letters, digits or underscores, not starting with a digit");
        }
        if (prefix == null || !PREFIX_PATTERN.matcher(prefix).matches()) {
            throw new IllegalArgumentException("the table prefix must be 1 to 40 lower-case letters, digits or underscores, not starting with a digit");
        }
    }

    /** A table's (or index's) name inside the schema, unqualified: {@code prefix + name}. */
    public String local(final String name) {
        return prefix + name;
    }

    /** A table's qualified, quoted name: {@code "schema"."prefix" + name}. */
    public String table(final String name) {
        return '"' + schema + "\".\"" + prefix + name + '"';
    }

    /** Fills the {@code ${schema}} and {@code ${prefix}} placeholders of a migration script. */
    String fill(final String script) {
        return script.replace("${schema}", schema).replace("${prefix}", prefix);
    }
}
