-- Golden records, steward pins and cannot-links (issue 6). ${schema} and ${prefix} as in V1.

-- Every version of every golden record (GoldenRecordCodec JSON). The primary key is what stops a
-- writer that computed from an old version from overwriting a newer one.
CREATE TABLE "${schema}"."${prefix}golden" (
    entity_id text   NOT NULL,
    version   bigint NOT NULL,
    data      text   NOT NULL,
    PRIMARY KEY (entity_id, version)
);

-- The values a steward pinned on an entity, as one JSON object of field to value.
CREATE TABLE "${schema}"."${prefix}pins" (
    entity_id text PRIMARY KEY,
    data      text NOT NULL
);

-- Pairs of source records that are never the same entity; each pair is stored in both directions.
CREATE TABLE "${schema}"."${prefix}cannot_links" (
    record_key text NOT NULL,
    other_key  text NOT NULL,
    PRIMARY KEY (record_key, other_key)
);
