-- The master data store's tables. ${schema} and ${prefix} are replaced by the service's validated
-- schema and table prefix before this script runs.

-- One row: a counter every commit increases (so a node knows whether anyone else wrote since its own
-- last commit, and whether its cache still holds), and the last arrival sequence handed out.
CREATE TABLE "${schema}"."${prefix}state" (
    id            smallint PRIMARY KEY CHECK (id = 1),
    generation    bigint   NOT NULL,
    last_sequence bigint   NOT NULL
);
INSERT INTO "${schema}"."${prefix}state" (id, generation, last_sequence) VALUES (1, 0, 0);

-- Source records by arrival sequence. data holds the encoded values with the blocking keys and
-- counters the record was filed under (io.github.nifiintegration.store.RecordCodec); entity_id is
-- always the entity's current id (a merge moves the retired entity's records).
CREATE TABLE "${schema}"."${prefix}records" (
    sequence      bigint PRIMARY KEY,
    source_system text   NOT NULL,
    source_id     text   NOT NULL,
    entity_id     text   NOT NULL,
    data          bytea  NOT NULL,
    CONSTRAINT "${prefix}records_source_key" UNIQUE (source_system, source_id)
);
CREATE INDEX "${prefix}records_entity" ON "${schema}"."${prefix}records" (entity_id);

-- The blocking index: 64-bit hashes of blocking keys (a collision only adds a candidate that scoring
-- rejects), records oldest first.
CREATE TABLE "${schema}"."${prefix}blocks" (
    block_hash bigint NOT NULL,
    sequence   bigint NOT NULL,
    PRIMARY KEY (block_hash, sequence)
);

-- Value and word frequencies.
CREATE TABLE "${schema}"."${prefix}counters" (
    counter_key   text   PRIMARY KEY,
    counter_value bigint NOT NULL
);

-- Retired entity ids and the entity each was merged into. Written once, never changed.
CREATE TABLE "${schema}"."${prefix}redirects" (
    retired  text PRIMARY KEY,
    survivor text NOT NULL
);

-- The review queue.
CREATE TABLE "${schema}"."${prefix}reviews" (
    source_system text NOT NULL,
    source_id     text NOT NULL,
    detail        text NOT NULL,
    PRIMARY KEY (source_system, source_id)
);
