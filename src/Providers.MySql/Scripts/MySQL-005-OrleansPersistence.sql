-- Schema version 5: the table and queries of Orleans' ADO.NET grain storage (AddAdoNetGrainStorage),
-- written for this project against the provider's contract: parameters @GrainIdHash, @GrainIdN0,
-- @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString (NULL when the key has no
-- extension), @ServiceId, @GrainStateVersion (NULL when the caller holds no ETag), @PayloadBinary;
-- reads return PayloadBinary and Version; writes, clears and deletes return one row whose first column,
-- NewGrainStateVersion, is the new version on success and anything else (the presented version, NULL)
-- on a conflict. The project's own grains use grain_state (MySqlGrainStorage); this table is for hosts
-- that choose Orleans' provider and for the benchmark that compares the two on one database.

-- Rows are found through the two hashes (IX_OrleansStorage), the string columns settling the rare
-- collision, as in Orleans' design. Our addition: GrainKey, a digest of every key column (each string
-- prefixed by its length, so no two keys run together), made unique. It is what lets two first writes
-- of one grain race safely (the second finds a duplicate) without the existence check of a read, whose
-- gap locks made first writes of different grains deadlock each other.
CREATE TABLE IF NOT EXISTS OrleansStorage (
    GrainIdHash            INT          NOT NULL,
    GrainIdN0              BIGINT       NOT NULL,
    GrainIdN1              BIGINT       NOT NULL,
    GrainTypeHash          INT          NOT NULL,
    GrainTypeString        VARCHAR(512) NOT NULL,
    GrainIdExtensionString VARCHAR(512) NULL,
    ServiceId              VARCHAR(150) NOT NULL,
    PayloadBinary          LONGBLOB     NULL,
    ModifiedOn             DATETIME(3)  NOT NULL,
    Version                INT          NULL,
    GrainKey               BINARY(32) AS (UNHEX(SHA2(CONCAT_WS('|',
                               LENGTH(ServiceId), ServiceId, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1,
                               LENGTH(GrainTypeString), GrainTypeString,
                               COALESCE(CONCAT(LENGTH(GrainIdExtensionString), ':', GrainIdExtensionString), '-')), 256))) STORED,
    KEY IX_OrleansStorage (GrainIdHash, GrainTypeHash),
    UNIQUE KEY UX_OrleansStorage_GrainKey (GrainKey)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin ROW_FORMAT=DYNAMIC;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT PayloadBinary, UTC_TIMESTAMP(3) AS ReadOn, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString AND GrainIdExtensionString <=> @GrainIdExtensionString
  AND ServiceId = @ServiceId
LIMIT 1;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- With an ETag: update the row at that version (first SELECT answers). Without one: insert the row
-- unless it exists (second SELECT answers). Exactly one of the two SELECTs returns a row. Each
-- statement is atomic by itself. READ COMMITTED for the UPDATE (SET TRANSACTION covers the next
-- transaction only, here that one statement): under REPEATABLE READ its search through the non-unique
-- index would also lock gaps, where other grains' first writes insert. The insert relies on the unique
-- GrainKey: IGNORE turns "already there" into 0 rows instead of an error.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
UPDATE OrleansStorage
SET PayloadBinary = @PayloadBinary, ModifiedOn = UTC_TIMESTAMP(3), Version = Version + 1
WHERE @GrainStateVersion IS NOT NULL
  AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString AND GrainIdExtensionString <=> @GrainIdExtensionString
  AND ServiceId = @ServiceId AND Version = @GrainStateVersion
LIMIT 1;
SELECT @GrainStateVersion + ROW_COUNT() AS NewGrainStateVersion FROM DUAL WHERE @GrainStateVersion IS NOT NULL;
INSERT IGNORE INTO OrleansStorage
    (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary, UTC_TIMESTAMP(3), 1
FROM DUAL
WHERE @GrainStateVersion IS NULL;
SELECT IF(ROW_COUNT() > 0, 1, NULL) AS NewGrainStateVersion FROM DUAL WHERE @GrainStateVersion IS NULL;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- A clear keeps the row without payload and advances its version (READ COMMITTED: see the write).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
UPDATE OrleansStorage
SET PayloadBinary = NULL, ModifiedOn = UTC_TIMESTAMP(3), Version = Version + 1
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString AND GrainIdExtensionString <=> @GrainIdExtensionString
  AND ServiceId = @ServiceId AND Version = @GrainStateVersion
LIMIT 1;
SELECT @GrainStateVersion + ROW_COUNT() AS NewGrainStateVersion;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- DeleteStateOnClear: the row goes; the answer is still the presented version plus one on success.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
DELETE FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString AND GrainIdExtensionString <=> @GrainIdExtensionString
  AND ServiceId = @ServiceId AND Version = @GrainStateVersion
LIMIT 1;
SELECT @GrainStateVersion + ROW_COUNT() AS NewGrainStateVersion;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);
