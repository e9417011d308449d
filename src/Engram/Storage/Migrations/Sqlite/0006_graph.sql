-- Graph memory (§12): what the fact extractor learned from each sample. A fact is a
-- self-contained sentence with the vector of the memory's model (like a chunk's); an entity is a
-- person, place, organisation… under its canonical name, once per memory, with the aliases every
-- sample gave it; fact_entities are the edges. A sample's facts and links are written in the
-- transaction of its chunks and removed with them (Memories/SampleRemoval), so a redone job never
-- doubles them. Entities left without a fact go in the same transaction.
CREATE TABLE facts (
    seq          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    account_id   TEXT    NOT NULL,
    memory_id    TEXT    NOT NULL,
    sample_id    TEXT    NOT NULL,
    id           TEXT    NOT NULL,
    ordinal      INTEGER NOT NULL,
    content      TEXT    NOT NULL,
    relation     TEXT,
    valid_at     INTEGER,
    vector       BLOB    NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX facts_by_id ON facts (account_id, id);
CREATE INDEX facts_by_memory ON facts (account_id, memory_id, seq);
CREATE INDEX facts_by_sample ON facts (account_id, sample_id);

-- `name_key` is the canonical name in lower case: one entity per name per memory.
-- `aliases` holds the other names, one per line.
CREATE TABLE entities (
    seq          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    account_id   TEXT    NOT NULL,
    memory_id    TEXT    NOT NULL,
    id           TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    name_key     TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    aliases      TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX entities_by_id ON entities (account_id, id);
CREATE UNIQUE INDEX entities_by_name ON entities (account_id, memory_id, name_key);
CREATE INDEX entities_by_memory ON entities (account_id, memory_id, seq);

CREATE TABLE fact_entities (
    account_id   TEXT    NOT NULL,
    memory_id    TEXT    NOT NULL,
    sample_id    TEXT    NOT NULL,
    fact_seq     INTEGER NOT NULL,
    entity_seq   INTEGER NOT NULL,
    PRIMARY KEY (fact_seq, entity_seq)
);
CREATE INDEX fact_entities_by_entity ON fact_entities (entity_seq, fact_seq);
CREATE INDEX fact_entities_by_sample ON fact_entities (account_id, sample_id);
CREATE INDEX fact_entities_by_memory ON fact_entities (account_id, memory_id, fact_seq);
