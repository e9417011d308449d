-- The same schema as SQLite's 0006. -- Graph memory (§12): what the fact extractor learned from each sample. A fact is a
-- self-contained sentence with the vector of the memory's model (like a chunk's); an entity is a
-- person, place, organisation… under its canonical name, once per memory, with the aliases every
-- sample gave it; fact_entities are the edges. A sample's facts and links are written in the
-- transaction of its chunks and removed with them (Memories/SampleRemoval), so a redone job never
-- doubles them. Entities left without a fact go in the same transaction.
CREATE TABLE facts (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   text COLLATE "C" NOT NULL,
    memory_id    text COLLATE "C" NOT NULL,
    sample_id    text COLLATE "C" NOT NULL,
    id           text COLLATE "C" NOT NULL,
    ordinal      bigint NOT NULL,
    content      text COLLATE "C" NOT NULL,
    relation     text COLLATE "C",
    valid_at     bigint,
    vector       bytea NOT NULL,
    created_at   bigint NOT NULL
);
CREATE UNIQUE INDEX facts_by_id ON facts (account_id, id);
CREATE INDEX facts_by_memory ON facts (account_id, memory_id, seq);
CREATE INDEX facts_by_sample ON facts (account_id, sample_id);

-- `name_key` is the canonical name in lower case: one entity per name per memory.
-- `aliases` holds the other names, one per line.
CREATE TABLE entities (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   text COLLATE "C" NOT NULL,
    memory_id    text COLLATE "C" NOT NULL,
    id           text COLLATE "C" NOT NULL,
    name         text COLLATE "C" NOT NULL,
    name_key     text COLLATE "C" NOT NULL,
    kind         text COLLATE "C" NOT NULL,
    aliases      text COLLATE "C" NOT NULL,
    created_at   bigint NOT NULL,
    updated_at   bigint NOT NULL
);
CREATE UNIQUE INDEX entities_by_id ON entities (account_id, id);
CREATE UNIQUE INDEX entities_by_name ON entities (account_id, memory_id, name_key);
CREATE INDEX entities_by_memory ON entities (account_id, memory_id, seq);

CREATE TABLE fact_entities (
    account_id   text COLLATE "C" NOT NULL,
    memory_id    text COLLATE "C" NOT NULL,
    sample_id    text COLLATE "C" NOT NULL,
    fact_seq     bigint NOT NULL,
    entity_seq   bigint NOT NULL,
    PRIMARY KEY (fact_seq, entity_seq)
);
CREATE INDEX fact_entities_by_entity ON fact_entities (entity_seq, fact_seq);
CREATE INDEX fact_entities_by_sample ON fact_entities (account_id, sample_id);
CREATE INDEX fact_entities_by_memory ON fact_entities (account_id, memory_id, fact_seq);
