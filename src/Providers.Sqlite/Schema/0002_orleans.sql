-- Schema version 2: the move onto Microsoft Orleans.
--
-- Journal snapshots get a table of their own (the retired runtime kept them in grain_state under the
-- state name 'journal', in a format nothing reads any more: the journals alone rebuild those grains).
-- Streams return later as Orleans stream providers, so the retired runtime's stream tables go. Reminders
-- now serve Orleans' IReminderTable, which reads by grain hash; the retired runtime's reminder rows named
-- grains in its own form, so the table is recreated empty.

DELETE FROM grain_state WHERE state_name = 'journal';

-- The newest snapshot of a journaled grain's state (JSON) as of journal version `version`; replaced in the
-- transaction of the append that produced it, so it never runs ahead of the journal.
CREATE TABLE grain_journal_snapshots (
    grain_type  TEXT    NOT NULL,
    grain_key   TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    payload     BLOB    NOT NULL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key)
);

DROP TABLE stream_dead_letters;
DROP TABLE stream_checkpoints;
DROP TABLE stream_events;
DROP TABLE stream_queues;

DROP TABLE reminders;

-- Orleans reminders (IReminderTable). grain_hash is GrainId.GetUniformHashCode(), an unsigned 32-bit value,
-- indexed because each silo reads the reminders of its hash range of the ring.
CREATE TABLE reminders (
    grain_type TEXT    NOT NULL,
    grain_key  TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    grain_hash INTEGER NOT NULL,
    start_at   INTEGER NOT NULL,
    period_ms  INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key, name)
);

CREATE INDEX reminders_by_hash ON reminders (grain_hash);
