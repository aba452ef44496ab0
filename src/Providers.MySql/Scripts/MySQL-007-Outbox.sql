-- Schema version 7: the journal as outbox, and the dead letters of stream consumers.

-- The appends of publishing grains (those whose journal entries are events) not yet published: inserted
-- in the transaction of their append (and only if it went in), deleted once the grain has put them on its
-- stream. What remains after a crash is what the outbox sweeper hands back to the grains.
CREATE TABLE IF NOT EXISTS grain_outbox (
    grain_type    VARCHAR(100) NOT NULL,
    grain_key     VARCHAR(500) NOT NULL,
    first_version BIGINT       NOT NULL,
    last_version  BIGINT       NOT NULL,
    recorded_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (grain_type, grain_key, first_version),
    KEY grain_outbox_by_time (recorded_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin ROW_FORMAT=DYNAMIC;

-- Events a consumer could not handle after its retries, and queue messages that could not be read: kept
-- with their error until an operator replays (status 1) or discards (status 2) them; status 0 is open.
CREATE TABLE IF NOT EXISTS failed_events (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    event_id         VARCHAR(700)  NULL,
    stream_provider  VARCHAR(100)  NOT NULL,
    stream_namespace VARCHAR(200)  NULL,
    stream_key       VARCHAR(500)  NULL,
    event_type       VARCHAR(1000) NOT NULL,
    payload          LONGBLOB      NOT NULL,
    payload_is_raw   TINYINT(1)    NOT NULL,
    consumer         VARCHAR(700)  NOT NULL,
    error            TEXT          NOT NULL,
    attempts         INT           NOT NULL,
    failed_at        DATETIME(3)   NOT NULL,
    status           TINYINT       NOT NULL DEFAULT 0,
    closed_at        DATETIME(3)   NULL,
    PRIMARY KEY (id),
    KEY failed_events_by_status (status, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin ROW_FORMAT=DYNAMIC;
