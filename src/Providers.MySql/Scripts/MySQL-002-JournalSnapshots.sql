-- Schema version 2: journal snapshots; the tables of the retired home-made runtime go.
--
-- Script 001 shipped with the retired runtime and stays as it was (a shipped script never changes): its
-- stream and reminder tables are dropped here. From this version on, a statement ends with ';' as the last
-- character of a line outside a quoted string, so a query text stored in OrleansQuery may hold several
-- statements; '@Name' appears only inside quoted strings (the migrator binds no parameters).

-- The retired runtime kept journal snapshots in grain_state under the state name 'journal', in a format
-- nothing reads any more; the journals alone rebuild those grains.
DELETE FROM grain_state WHERE state_name = 'journal';

-- The newest snapshot of each journal, written in the same transaction as the append that reached
-- its version (and only if that append went in), replacing the previous one.
CREATE TABLE IF NOT EXISTS grain_journal_snapshots (
    grain_type  VARCHAR(100) NOT NULL,
    grain_key   VARCHAR(500) NOT NULL,
    version     BIGINT       NOT NULL,
    payload     LONGBLOB     NOT NULL,
    recorded_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (grain_type, grain_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin ROW_FORMAT=DYNAMIC;

-- Development databases made by earlier builds hold these; streams return later on Orleans' own
-- providers, reminders now live in OrleansRemindersTable (MySQL-004).
DROP TABLE IF EXISTS stream_events;
DROP TABLE IF EXISTS stream_queues;
DROP TABLE IF EXISTS stream_checkpoints;
DROP TABLE IF EXISTS stream_dead_letters;
DROP TABLE IF EXISTS reminders;
