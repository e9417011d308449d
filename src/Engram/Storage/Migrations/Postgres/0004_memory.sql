-- The same schema as SQLite's 0004. The memory half: uploads, files, memories, their samples and chunks, ingestion jobs and the
-- webhook outbox. Ids are per account, like sessions'. Times are UTC milliseconds.

-- An upload key handed out by POST /files/upload. Its bytes are stored in parts of at most 1 MiB
-- (upload_parts), so a 100 MiB upload streams into the database without being held in memory
-- and every node that shares the database can read it. `generation` names the PUT whose parts
-- are current; 0 until one completes. A PUT writes its parts under a new generation and swaps it
-- in at the end, so a failed or cut-off PUT leaves the previous bytes as they were.
CREATE TABLE uploads (
    key          text COLLATE "C"    NOT NULL PRIMARY KEY,
    account_id   text COLLATE "C"    NOT NULL,
    generation   bigint NOT NULL,
    size         bigint,
    created_at   bigint NOT NULL,
    updated_at   bigint NOT NULL
);

CREATE TABLE upload_parts (
    key          text COLLATE "C"    NOT NULL,
    generation   bigint NOT NULL,
    part         bigint NOT NULL,
    bytes        bytea    NOT NULL,
    created_at   bigint NOT NULL,
    PRIMARY KEY (key, generation, part)
);

CREATE TABLE files (
    account_id    text COLLATE "C"    NOT NULL,
    id            text COLLATE "C"    NOT NULL,
    name          text COLLATE "C"    NOT NULL,
    extension     text COLLATE "C"    NOT NULL,
    file_type     text COLLATE "C"    NOT NULL,
    category      text COLLATE "C"    NOT NULL,
    bronze_key    text COLLATE "C",
    external_uri  text COLLATE "C",
    size          bigint,
    length        bigint,
    tokens        bigint,
    created_at    bigint NOT NULL,
    updated_at    bigint NOT NULL,
    PRIMARY KEY (account_id, id)
);
CREATE INDEX files_by_created ON files (account_id, created_at DESC, id DESC);
CREATE INDEX files_by_category ON files (account_id, category, created_at DESC, id DESC);
CREATE INDEX files_by_key ON files (bronze_key) WHERE bronze_key IS NOT NULL;

-- index_version changes whenever the memory's chunks change; removal_version whenever chunks
-- go. Every node's in-process index compares them on each query (see Retrieval/MemoryIndexes).
CREATE TABLE memories (
    account_id            text COLLATE "C"    NOT NULL,
    id                    text COLLATE "C"    NOT NULL,
    name                  text COLLATE "C"    NOT NULL,
    description           text COLLATE "C"    NOT NULL,
    memory_type           text COLLATE "C"    NOT NULL,
    ontology              text COLLATE "C",
    chunk_size            bigint NOT NULL,
    chunk_overlap         bigint NOT NULL,
    fact_extraction       boolean NOT NULL,
    acceleration          boolean NOT NULL,
    webhook_url           text COLLATE "C",
    embedding_model       text COLLATE "C",
    embedding_dimensions  bigint,
    index_version         bigint NOT NULL DEFAULT 0,
    removal_version       bigint NOT NULL DEFAULT 0,
    created_at            bigint NOT NULL,
    updated_at            bigint NOT NULL,
    PRIMARY KEY (account_id, id)
);
CREATE INDEX memories_by_created ON memories (account_id, created_at DESC, id DESC);

-- One file (or, later, one message) in one memory. seq is the order samples are listed and worked in.
CREATE TABLE samples (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   text COLLATE "C"    NOT NULL,
    id           text COLLATE "C"    NOT NULL,
    memory_id    text COLLATE "C"    NOT NULL,
    file_id      text COLLATE "C",
    message_id   text COLLATE "C",
    session_id   text COLLATE "C",
    type         text COLLATE "C"    NOT NULL,
    status       text COLLATE "C"    NOT NULL,
    error        text COLLATE "C",
    tokens       bigint,
    created_at   bigint NOT NULL,
    updated_at   bigint NOT NULL
);
CREATE UNIQUE INDEX samples_by_id ON samples (account_id, id);
CREATE INDEX samples_by_memory ON samples (account_id, memory_id, seq);
CREATE UNIQUE INDEX samples_by_file ON samples (account_id, memory_id, file_id) WHERE file_id IS NOT NULL;
CREATE INDEX samples_of_file ON samples (account_id, file_id) WHERE file_id IS NOT NULL;

-- A sample's text, cut into chunks, each with its float32 vector (little-endian) of the memory's model.
CREATE TABLE chunks (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   text COLLATE "C"    NOT NULL,
    memory_id    text COLLATE "C"    NOT NULL,
    sample_id    text COLLATE "C"    NOT NULL,
    ordinal      bigint NOT NULL,
    content      text COLLATE "C"    NOT NULL,
    dated_at     bigint,
    vector       bytea    NOT NULL
);
CREATE INDEX chunks_by_memory ON chunks (account_id, memory_id, seq);
CREATE INDEX chunks_by_sample ON chunks (account_id, sample_id);

-- One ingestion run over a memory's pending samples. A worker holds a job while lease_until is in
-- the future and renews it as it goes; a job whose worker died is taken again once it lapses.
CREATE TABLE jobs (
    id                 text COLLATE "C"    NOT NULL PRIMARY KEY,
    account_id         text COLLATE "C"    NOT NULL,
    memory_id          text COLLATE "C"    NOT NULL,
    status             text COLLATE "C"    NOT NULL,
    total_samples      bigint NOT NULL,
    processed_samples  bigint NOT NULL,
    failed_samples     bigint NOT NULL DEFAULT 0,
    lease_owner        text COLLATE "C",
    lease_until        bigint,
    created_at         bigint NOT NULL,
    updated_at         bigint NOT NULL
);
CREATE UNIQUE INDEX jobs_open_by_memory ON jobs (account_id, memory_id) WHERE status IN ('pending', 'processing');
CREATE INDEX jobs_open ON jobs (created_at) WHERE status IN ('pending', 'processing');

-- Status webhooks waiting to be delivered, oldest first per memory; a delivered one is deleted.
CREATE TABLE webhook_deliveries (
    seq              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id       text COLLATE "C"    NOT NULL,
    memory_id        text COLLATE "C"    NOT NULL,
    url              text COLLATE "C"    NOT NULL,
    body             text COLLATE "C"    NOT NULL,
    attempts         bigint NOT NULL,
    next_attempt_at  bigint NOT NULL,
    lease_until      bigint,
    created_at       bigint NOT NULL
);
CREATE INDEX webhook_deliveries_by_memory ON webhook_deliveries (account_id, memory_id, seq);
