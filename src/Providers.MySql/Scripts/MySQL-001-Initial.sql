-- Schema version 1 of the MySQL/MariaDB storage provider.
--
-- Rules for every script in this folder (MySQL-NNN-Name.sql, applied in order, recorded in schema_versions):
--  * once shipped a script never changes: a later version adds a new numbered script;
--  * MySQL commits DDL implicitly, so a script cannot run in a transaction: each statement must be
--    idempotent on its own (CREATE ... IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, ...) so that a script
--    interrupted half-way can simply run again;
--  * statements end with ';' at the end of a line; no DELIMITER, no stored programs, no '@' or '?'.
--
-- Every table is InnoDB, utf8mb4. Text columns use utf8mb4_nopad_bin: keys compare ordinally like the
-- SQLite provider's (case, accents, Unicode normalization and trailing spaces all matter); the default
-- collations would make 'Cart' and 'cart ' the same grain. Timestamps are UTC with millisecond
-- precision, the precision the contract asks for. ETags are the decimal form of the version columns.
-- Key columns are sized so that each primary key fits InnoDB's 3072-byte limit at 4 bytes a character.

-- Grain state. A cleared state keeps its row (payload NULL) so that its version keeps growing and a
-- writer holding a pre-clear ETag still conflicts.
CREATE TABLE IF NOT EXISTS grain_state (
    grain_type  VARCHAR(100)  NOT NULL,
    grain_key   VARCHAR(500)  NOT NULL,
    state_name  VARCHAR(100)  NOT NULL,
    state_type  VARCHAR(1000) NOT NULL,
    version     BIGINT        NOT NULL,
    payload     LONGBLOB      NULL,
    updated_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (grain_type, grain_key, state_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin ROW_FORMAT=DYNAMIC;

-- Insert-only grain journals, one row per commit: the entries with versions version..last_version as
-- the elements of a JSON array (see JournalSegment). The primary key rejects a second writer starting
-- at the same version; the append statement also refuses to start anywhere but right after last_version.
CREATE TABLE IF NOT EXISTS grain_journal (
    grain_type   VARCHAR(100)  NOT NULL,
    grain_key    VARCHAR(500)  NOT NULL,
    version      BIGINT        NOT NULL,
    last_version BIGINT        NOT NULL,
    payload      LONGBLOB      NOT NULL,
    recorded_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (grain_type, grain_key, version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin ROW_FORMAT=DYNAMIC;

-- One row per journal entry, for people and reports reading the journals (a SKU's stock ledger, say):
-- SELECT * FROM grain_journal_entries WHERE grain_type = 'sku' AND grain_key = 'SKU-1' ORDER BY version.
CREATE OR REPLACE VIEW grain_journal_entries AS
SELECT journal.grain_type, journal.grain_key, journal.version + entries.position - 1 AS version, entries.entry, journal.recorded_at
FROM grain_journal AS journal,
     JSON_TABLE(CONVERT(journal.payload USING utf8mb4), '$[*]' COLUMNS (position FOR ORDINALITY, entry JSON PATH '$')) AS entries;

-- The last sequence handed out per queue. A committing transaction updates its queues' rows and holds
-- their locks until it commits, so sequences are handed out in commit order: a reader that has seen
-- sequence S never later sees a smaller one appear (AUTO_INCREMENT values are taken at insert time and
-- can commit out of order). Never derived from MAX(sequence): trimming deletes events.
CREATE TABLE IF NOT EXISTS stream_queues (
    queue_id      INT    NOT NULL,
    last_sequence BIGINT NOT NULL,
    PRIMARY KEY (queue_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS stream_events (
    queue_id         INT           NOT NULL,
    sequence         BIGINT        NOT NULL,
    event_id         CHAR(36)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    stream_namespace VARCHAR(255)  NOT NULL,
    stream_key       VARCHAR(1000) NOT NULL,
    event_type       VARCHAR(500)  NOT NULL,
    payload          LONGBLOB      NOT NULL,
    created_at       DATETIME(3)   NOT NULL,
    PRIMARY KEY (queue_id, sequence)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin ROW_FORMAT=DYNAMIC;

CREATE TABLE IF NOT EXISTS stream_checkpoints (
    consumer   VARCHAR(255) NOT NULL,
    queue_id   INT          NOT NULL,
    sequence   BIGINT       NOT NULL,
    updated_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (consumer, queue_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin ROW_FORMAT=DYNAMIC;

-- InnoDB keeps the AUTO_INCREMENT counter across restarts (MariaDB 10.2.4+), so an id an operator
-- wrote down is never reused for a different dead letter.
CREATE TABLE IF NOT EXISTS stream_dead_letters (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    consumer         VARCHAR(255)  NOT NULL,
    event_id         CHAR(36)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    stream_namespace VARCHAR(255)  NOT NULL,
    stream_key       VARCHAR(1000) NOT NULL,
    queue_id         INT           NOT NULL,
    event_type       VARCHAR(500)  NOT NULL,
    payload          LONGBLOB      NOT NULL,
    created_at       DATETIME(3)   NOT NULL,
    error            MEDIUMTEXT    NOT NULL,
    attempts         INT           NOT NULL,
    failed_at        DATETIME(3)   NOT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin ROW_FORMAT=DYNAMIC;

CREATE TABLE IF NOT EXISTS reminders (
    grain_type VARCHAR(100) NOT NULL,
    grain_key  VARCHAR(500) NOT NULL,
    name       VARCHAR(150) NOT NULL,
    start_at   DATETIME(3)  NOT NULL,
    period_ms  BIGINT       NOT NULL,
    version    BIGINT       NOT NULL,
    PRIMARY KEY (grain_type, grain_key, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin ROW_FORMAT=DYNAMIC;
