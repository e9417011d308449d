-- Deleting a message, or a session, removes the samples made from it in every memory, in the
-- delete's own transaction (Memories/SampleRemoval): these find them by message and by session
-- without reading each memory's samples.
CREATE INDEX samples_of_message ON samples (account_id, message_id) WHERE message_id IS NOT NULL;
CREATE INDEX samples_of_session ON samples (account_id, session_id) WHERE session_id IS NOT NULL;
