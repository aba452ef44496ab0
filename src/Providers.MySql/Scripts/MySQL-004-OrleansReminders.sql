-- Schema version 4: the table and queries of Orleans' ADO.NET reminder table (UseAdoNetReminderService),
-- written for this project against the provider's contract (query keys, @ServiceId, @GrainId,
-- @ReminderName, @StartTime, @Period, @GrainHash, @BeginHash, @EndHash, @Version; result columns GrainId,
-- ReminderName, StartTime, Period, Version).

CREATE TABLE IF NOT EXISTS OrleansRemindersTable (
    ServiceId    VARCHAR(150) NOT NULL,
    GrainId      VARCHAR(400) NOT NULL,
    ReminderName VARCHAR(150) NOT NULL,
    StartTime    DATETIME(3)  NOT NULL,
    Period       BIGINT       NOT NULL,
    GrainHash    INT          NOT NULL,
    Version      INT          NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName),
    -- Each silo reads the reminders of its hash range.
    KEY IX_OrleansRemindersTable_GrainHash (ServiceId, GrainHash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Insert or update in one statement; LAST_INSERT_ID(expr) hands the row's new version back on this
-- connection, so no second read can see another writer's version instead.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', '
INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, LAST_INSERT_ID(1))
ON DUPLICATE KEY UPDATE
    StartTime = VALUES(StartTime),
    Period = VALUES(Period),
    GrainHash = VALUES(GrainHash),
    Version = LAST_INSERT_ID(Version + 1);
SELECT LAST_INSERT_ID() AS Version;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- A hash range that does not wrap around: (@BeginHash, @EndHash].
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- A hash range that wraps around: above @BeginHash or up to @EndHash.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- Removes a reminder only at the version the caller holds; reports whether it did.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', '
DELETE FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version;
SELECT ROW_COUNT() > 0;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', '
DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);
