-- The memory half: uploads, files, memories, their samples and chunks, ingestion jobs and the
-- webhook outbox. Ids are per account, like sessions'. Times are UTC milliseconds.

-- An upload key handed out by POST /files/upload. Its bytes are stored in parts of at most 1 MiB
-- (upload_parts), so a 100 MiB upload streams into the database without being held in memory
-- and every node that shares the database can read it. `generation` names the PUT whose parts
-- are current; 0 until one completes. A PUT writes its parts under a new generation and swaps it
-- in at the end, so a failed or cut-off PUT leaves the previous bytes as they were.
CREATE TABLE uploads (
    key          TEXT    NOT NULL PRIMARY KEY,
    account_id   TEXT    NOT NULL,
    generation   INTEGER NOT NULL,
    size         INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE upload_parts (
    key          TEXT    NOT NULL,
    generation   INTEGER NOT NULL,
    part         INTEGER NOT NULL,
    bytes        BLOB    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (key, generation, part)
);

CREATE TABLE files (
    account_id    TEXT    NOT NULL,
    id            TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    extension     TEXT    NOT NULL,
    file_type     TEXT    NOT NULL,
    category      TEXT    NOT NULL,
    bronze_key    TEXT,
    external_uri  TEXT,
    size          INTEGER,
    length        INTEGER,
    tokens        INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (account_id, id)
) WITHOUT ROWID;
CREATE INDEX files_by_created ON files (account_id, created_at DESC, id DESC);
CREATE INDEX files_by_category ON files (account_id, category, created_at DESC, id DESC);
CREATE INDEX files_by_key ON files (bronze_key) WHERE bronze_key IS NOT NULL;

-- index_version changes whenever the memory's chunks change; removal_version whenever chunks
-- go. Every node's in-process index compares them on each query (see Retrieval/MemoryIndexes).
CREATE TABLE memories (
    account_id            TEXT    NOT NULL,
    id                    TEXT    NOT NULL,
    name                  TEXT    NOT NULL,
    description           TEXT    NOT NULL,
    memory_type           TEXT    NOT NULL,
    ontology              TEXT,
    chunk_size            INTEGER NOT NULL,
    chunk_overlap         INTEGER NOT NULL,
    fact_extraction       INTEGER NOT NULL,
    acceleration          INTEGER NOT NULL,
    webhook_url           TEXT,
    embedding_model       TEXT,
    embedding_dimensions  INTEGER,
    index_version         INTEGER NOT NULL DEFAULT 0,
    removal_version       INTEGER NOT NULL DEFAULT 0,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    PRIMARY KEY (account_id, id)
) WITHOUT ROWID;
CREATE INDEX memories_by_created ON memories (account_id, created_at DESC, id DESC);

-- One file (or, later, one message) in one memory. seq is the order samples are listed and worked in.
CREATE TABLE samples (
    seq          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    account_id   TEXT    NOT NULL,
    id           TEXT    NOT NULL,
    memory_id    TEXT    NOT NULL,
    file_id      TEXT,
    message_id   TEXT,
    session_id   TEXT,
    type         TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    error        TEXT,
    tokens       INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX samples_by_id ON samples (account_id, id);
CREATE INDEX samples_by_memory ON samples (account_id, memory_id, seq);
CREATE UNIQUE INDEX samples_by_file ON samples (account_id, memory_id, file_id) WHERE file_id IS NOT NULL;
CREATE INDEX samples_of_file ON samples (account_id, file_id) WHERE file_id IS NOT NULL;

-- A sample's text, cut into chunks, each with its float32 vector (little-endian) of the memory's model.
CREATE TABLE chunks (
    seq          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    account_id   TEXT    NOT NULL,
    memory_id    TEXT    NOT NULL,
    sample_id    TEXT    NOT NULL,
    ordinal      INTEGER NOT NULL,
    content      TEXT    NOT NULL,
    dated_at     INTEGER,
    vector       BLOB    NOT NULL
);
CREATE INDEX chunks_by_memory ON chunks (account_id, memory_id, seq);
CREATE INDEX chunks_by_sample ON chunks (account_id, sample_id);

-- One ingestion run over a memory's pending samples. A worker holds a job while lease_until is in
-- the future and renews it as it goes; a job whose worker died is taken again once it lapses.
CREATE TABLE jobs (
    id                 TEXT    NOT NULL PRIMARY KEY,
    account_id         TEXT    NOT NULL,
    memory_id          TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    total_samples      INTEGER NOT NULL,
    processed_samples  INTEGER NOT NULL,
    failed_samples     INTEGER NOT NULL DEFAULT 0,
    lease_owner        TEXT,
    lease_until        INTEGER,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX jobs_open_by_memory ON jobs (account_id, memory_id) WHERE status IN ('pending', 'processing');
CREATE INDEX jobs_open ON jobs (created_at) WHERE status IN ('pending', 'processing');

-- Status webhooks waiting to be delivered, oldest first per memory; a delivered one is deleted.
CREATE TABLE webhook_deliveries (
    seq              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    account_id       TEXT    NOT NULL,
    memory_id        TEXT    NOT NULL,
    url              TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  INTEGER NOT NULL,
    lease_until      INTEGER,
    created_at       INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_by_memory ON webhook_deliveries (account_id, memory_id, seq);
