-- Schema version 4: the journal as outbox, and the dead letters of stream consumers.

-- The appends of publishing grains (those whose journal entries are events) that are not yet published:
-- inserted in the transaction of their append, deleted once the grain has put them on its stream.
-- What remains after a crash is what the outbox sweeper hands back to the grains.
CREATE TABLE grain_outbox (
    grain_type    TEXT    NOT NULL,
    grain_key     TEXT    NOT NULL,
    first_version INTEGER NOT NULL,
    last_version  INTEGER NOT NULL,
    recorded_at   INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key, first_version)
);

CREATE INDEX grain_outbox_by_time ON grain_outbox (recorded_at);

-- Events a consumer could not handle after its retries, and queue messages that could not be read: kept with
-- their error until an operator replays (status 1) or discards (status 2) them; status 0 is open.
CREATE TABLE failed_events (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id         TEXT    NULL,
    stream_provider  TEXT    NOT NULL,
    stream_namespace TEXT    NULL,
    stream_key       TEXT    NULL,
    event_type       TEXT    NOT NULL,
    payload          BLOB    NOT NULL,
    payload_is_raw   INTEGER NOT NULL,
    consumer         TEXT    NOT NULL,
    error            TEXT    NOT NULL,
    attempts         INTEGER NOT NULL,
    failed_at        INTEGER NOT NULL,
    status           INTEGER NOT NULL DEFAULT 0,
    closed_at        INTEGER NULL
);

CREATE INDEX failed_events_by_status ON failed_events (status, id);
