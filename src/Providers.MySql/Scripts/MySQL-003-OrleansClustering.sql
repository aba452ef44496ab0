-- Schema version 3: the tables and queries of Orleans' ADO.NET clustering provider
-- (UseAdoNetClustering on silos, and on clients for the gateway list), written for this project against
-- the provider's contract: it runs the texts stored under fixed keys in OrleansQuery, binds parameters by
-- name (@DeploymentId, @Address, @Port, @Generation, @Version, ...) and reads result columns by name.
--
-- Our own choices: no stored procedures (the migrator runs plain statements); a membership change and
-- the version bump that publishes it happen in one statement or one explicit transaction; DATETIME(3)
-- keeps the milliseconds Orleans writes.

-- Every query text of Orleans' ADO.NET providers, by key. Later scripts replace texts with
-- INSERT ... ON DUPLICATE KEY UPDATE, so re-running a script is harmless.
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  VARCHAR(64) NOT NULL,
    QueryText TEXT        NOT NULL,
    PRIMARY KEY (QueryKey)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per cluster (deployment): the membership table's version, bumped by every change of a row.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable (
    DeploymentId VARCHAR(150) NOT NULL,
    Timestamp    TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    Version      INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (DeploymentId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS OrleansMembershipTable (
    DeploymentId VARCHAR(150)  NOT NULL,
    Address      VARCHAR(45)   NOT NULL,
    Port         INT           NOT NULL,
    Generation   INT           NOT NULL,
    SiloName     VARCHAR(150)  NOT NULL,
    HostName     VARCHAR(150)  NOT NULL,
    Status       INT           NOT NULL,
    ProxyPort    INT           NULL,
    SuspectTimes VARCHAR(8000) NULL,
    StartTime    DATETIME(3)   NOT NULL,
    IAmAliveTime DATETIME(3)   NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_OrleansMembershipTable_Version FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Creates the version row of a cluster once; reports whether this call created it. IGNORE: two silos
-- starting together both try, and the second must see "already there", not a duplicate-key error.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', '
INSERT IGNORE INTO OrleansMembershipVersionTable (DeploymentId, Version) VALUES (@DeploymentId, 0);
SELECT ROW_COUNT() > 0;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- Adds a silo, if the table is still at the version the silo read (@Version) and the silo is not in
-- it yet. The version bump goes first: its row lock orders concurrent joins, and the insert runs only
-- when the bump did (ROW_COUNT() of the UPDATE). One transaction: both or neither.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', '
START TRANSACTION;
UPDATE OrleansMembershipVersionTable SET Version = Version + 1
WHERE DeploymentId = @DeploymentId AND Version = @Version
  AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable
                  WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation);
INSERT INTO OrleansMembershipTable
    (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
FROM DUAL WHERE ROW_COUNT() > 0;
SELECT ROW_COUNT() > 0;
COMMIT;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- Changes a silo's row and bumps the table version in one multi-table UPDATE: it matches (and changes
-- both rows) only when the version is still @Version and the silo's row exists, so no transaction is needed.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', '
UPDATE OrleansMembershipVersionTable AS v
JOIN OrleansMembershipTable AS m ON m.DeploymentId = v.DeploymentId
SET v.Version = v.Version + 1,
    m.Status = @Status,
    m.SuspectTimes = @SuspectTimes,
    m.IAmAliveTime = @IAmAliveTime
WHERE v.DeploymentId = @DeploymentId AND v.Version = @Version
  AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation;
SELECT ROW_COUNT() > 0;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- Heartbeat: not versioned, and Orleans does not look at the outcome.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', '
UPDATE OrleansMembershipTable SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- The gateways clients may connect to (@Status is Active).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', '
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- One silo's row with the table version. The outer join returns the version even when the silo has no
-- row (its member columns then NULL), which is how Orleans learns the version to present.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m
       ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- Every silo row of the cluster with the table version (one row with NULL members when there are none).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- Forgets a cluster (members first: they reference the version row).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', '
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- Removes rows of silos that are not active (status 3) and have not been heard of since @IAmAliveTime.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', '
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);
