-- Schema version 3: the queues of the SQLite Orleans stream provider (Streams/, AddSqliteStreams).
--
-- One row per enqueued batch (normally one StreamEvent). `seq` is AUTOINCREMENT, so it is never handed out
-- twice, even after rows are deleted; with SQLite's single writer it also grows in commit order, which is
-- the delivery order of a queue. A row stays until Orleans reports it delivered (the receiver then deletes
-- it), so whatever was not acknowledged before a crash is read again at the next start: at-least-once.
--   provider          the Orleans stream provider name (several providers may share the table)
--   queue_id          the numeric id of the Orleans queue (0..QueueCount-1) the stream maps to
--   stream_namespace  the stream's namespace (NULL when it has none), for operators and dead letters
--   stream_key        the stream's key as text
--   event_id          StreamEvent.EventId of the (first) event, NULL when the batch holds no StreamEvent
--   event_type        the (first) event's payload type name
--   payload           the batch (stream id, events, request context) serialized by Orleans
--   enqueued_at       UTC unix milliseconds of the commit that enqueued it
CREATE TABLE stream_messages (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    provider         TEXT    NOT NULL,
    queue_id         INTEGER NOT NULL,
    stream_namespace TEXT    NULL,
    stream_key       TEXT    NOT NULL,
    event_id         TEXT    NULL,
    event_type       TEXT    NULL,
    payload          BLOB    NOT NULL,
    enqueued_at      INTEGER NOT NULL
);

-- Each receiver reads its queue in seq order from the last row it handed to Orleans.
CREATE INDEX stream_messages_by_queue ON stream_messages (provider, queue_id, seq);
