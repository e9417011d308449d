-- Conversation memory (§11): a memory follows sessions, by id or by customer (that customer's
-- sessions now and later). last_seq is how far the live feed has turned the account's messages
-- into samples; the feed looks a little behind it too (see ConversationStore), so a message whose
-- transaction commits after a later one's is still found.
CREATE TABLE memory_sessions (
    account_id        TEXT    NOT NULL,
    memory_id         TEXT    NOT NULL,
    session_id        TEXT,
    customer_user_id  TEXT,
    last_seq          INTEGER NOT NULL,
    created_at        INTEGER NOT NULL
);
CREATE UNIQUE INDEX memory_sessions_by_session ON memory_sessions (account_id, memory_id, session_id) WHERE session_id IS NOT NULL;
CREATE UNIQUE INDEX memory_sessions_by_customer ON memory_sessions (account_id, memory_id, customer_user_id) WHERE customer_user_id IS NOT NULL;

-- One sample per message per memory, whichever node's feed finds it first.
CREATE UNIQUE INDEX samples_by_message ON samples (account_id, memory_id, message_id) WHERE message_id IS NOT NULL;

-- What the lexical index reads for a chunk when it differs from the chunk's text: a conversation
-- turn is indexed with its neighbours (a turn is short and leans on them), and answered alone.
ALTER TABLE chunks ADD COLUMN search_text TEXT;
