-- Schema version 1 of the SQLite storage provider.
-- Timestamps are UTC unix milliseconds (INTEGER). ETags are the decimal form of the version columns.
-- This script runs inside the migration transaction together with the schema_version row that records it;
-- once shipped it must never change: later versions add a new numbered script instead.

-- Grain state. A cleared state keeps its row (payload NULL) so that its version keeps growing and a
-- writer holding a pre-clear ETag still conflicts. Plain rowid table: payloads can be megabytes,
-- which WITHOUT ROWID tables handle poorly.
CREATE TABLE grain_state (
    grain_type  TEXT    NOT NULL,
    grain_key   TEXT    NOT NULL,
    state_name  TEXT    NOT NULL,
    state_type  TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    payload     BLOB    NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key, state_name)
);

-- Insert-only grain journals, one row per commit: the entries with versions version..last_version as
-- the elements of a JSON array (see JournalSegment). The primary key rejects a second writer starting
-- at the same version; the append statement also refuses to start anywhere but right after last_version.
CREATE TABLE grain_journal (
    grain_type   TEXT    NOT NULL,
    grain_key    TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    last_version INTEGER NOT NULL,
    payload      BLOB    NOT NULL,
    recorded_at  INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key, version)
);

-- One row per journal entry, for people and reports reading the journals (a SKU's stock ledger, say).
CREATE VIEW grain_journal_entries AS
SELECT journal.grain_type, journal.grain_key, journal.version + entries.key AS version, entries.value AS entry, journal.recorded_at
FROM grain_journal AS journal, json_each(CAST(journal.payload AS TEXT)) AS entries;

-- The last sequence handed out per queue. Sequences come from here and never from MAX(sequence) of
-- stream_events: trimming deletes events, and a sequence must never be handed out twice.
CREATE TABLE stream_queues (
    queue_id      INTEGER NOT NULL PRIMARY KEY,
    last_sequence INTEGER NOT NULL
);

CREATE TABLE stream_events (
    queue_id         INTEGER NOT NULL,
    sequence         INTEGER NOT NULL,
    event_id         TEXT    NOT NULL,
    stream_namespace TEXT    NOT NULL,
    stream_key       TEXT    NOT NULL,
    event_type       TEXT    NOT NULL,
    payload          BLOB    NOT NULL,
    created_at       INTEGER NOT NULL,
    PRIMARY KEY (queue_id, sequence)
);

CREATE TABLE stream_checkpoints (
    consumer   TEXT    NOT NULL,
    queue_id   INTEGER NOT NULL,
    sequence   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (consumer, queue_id)
);

-- AUTOINCREMENT so that an id an operator wrote down is never reused for a different dead letter.
CREATE TABLE stream_dead_letters (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    consumer         TEXT    NOT NULL,
    event_id         TEXT    NOT NULL,
    stream_namespace TEXT    NOT NULL,
    stream_key       TEXT    NOT NULL,
    queue_id         INTEGER NOT NULL,
    event_type       TEXT    NOT NULL,
    payload          BLOB    NOT NULL,
    created_at       INTEGER NOT NULL,
    error            TEXT    NOT NULL,
    attempts         INTEGER NOT NULL,
    failed_at        INTEGER NOT NULL
);

CREATE TABLE reminders (
    grain_type TEXT    NOT NULL,
    grain_key  TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    start_at   INTEGER NOT NULL,
    period_ms  INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key, name)
);
