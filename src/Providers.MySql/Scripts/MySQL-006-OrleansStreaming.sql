-- Schema version 6: the tables and queries of Orleans' ADO.NET stream provider
-- (Microsoft.Orleans.Streaming.AdoNet, AddAdoNetStreams / AddMySqlStreams), written for this project against
-- the provider's contract: six query keys in OrleansQuery, parameters bound by name (@ServiceId, @ProviderId,
-- @QueueId, @Payload, @ExpiryTimeout, @MaxCount, @MaxAttempts, @VisibilityTimeout, @RemovalTimeout,
-- @EvictionInterval, @EvictionBatchSize, @MessageId, @Items) and result columns read by name (ServiceId,
-- ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn, CreatedOn, ModifiedOn, Payload).
--
-- Our own choices: no stored procedures and no user variables (the migrator runs plain statements, and
-- connection strings need no AllowUserVariables), so each query is a short batch of plain statements, in an
-- explicit transaction where several must agree. Message ids come from AUTO_INCREMENT instead of a one-row
-- sequence table (no hot row shared by every producer). A dequeue locks its queue's control row, takes a
-- receipt number from it with LAST_INSERT_ID(expr) and stamps the rows it hands out with that receipt, so the
-- final SELECT returns exactly the rows this call dequeued. Times are UTC, DATETIME(6).

-- A queued message: one serialized batch of one stream. Deleted when confirmed; moved to
-- OrleansStreamDeadLetter when dequeued @MaxAttempts times without confirmation, or once expired.
CREATE TABLE IF NOT EXISTS OrleansStreamMessage (
    ServiceId  VARCHAR(150) NOT NULL,
    ProviderId VARCHAR(150) NOT NULL,
    QueueId    VARCHAR(150) NOT NULL,
    MessageId  BIGINT       NOT NULL AUTO_INCREMENT,
    Dequeued   INT          NOT NULL,
    VisibleOn  DATETIME(6)  NOT NULL,
    ExpiresOn  DATETIME(6)  NOT NULL,
    CreatedOn  DATETIME(6)  NOT NULL,
    ModifiedOn DATETIME(6)  NOT NULL,
    Receipt    BIGINT       NULL,
    Payload    LONGBLOB     NOT NULL,
    -- A queue is read in MessageId order along the primary key.
    PRIMARY KEY (ServiceId, ProviderId, QueueId, MessageId),
    UNIQUE KEY UX_OrleansStreamMessage_MessageId (MessageId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Messages given up on, kept until RemoveOn (DeadLetterEvictionTimeout) for operators to inspect.
CREATE TABLE IF NOT EXISTS OrleansStreamDeadLetter (
    ServiceId  VARCHAR(150) NOT NULL,
    ProviderId VARCHAR(150) NOT NULL,
    QueueId    VARCHAR(150) NOT NULL,
    MessageId  BIGINT       NOT NULL,
    Dequeued   INT          NOT NULL,
    VisibleOn  DATETIME(6)  NOT NULL,
    ExpiresOn  DATETIME(6)  NOT NULL,
    CreatedOn  DATETIME(6)  NOT NULL,
    ModifiedOn DATETIME(6)  NOT NULL,
    DeadOn     DATETIME(6)  NOT NULL,
    RemoveOn   DATETIME(6)  NOT NULL,
    Payload    LONGBLOB     NULL,
    PRIMARY KEY (ServiceId, ProviderId, QueueId, MessageId),
    KEY IX_OrleansStreamDeadLetter_RemoveOn (ServiceId, ProviderId, QueueId, RemoveOn)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per queue: when its next eviction is due, and the dequeue receipt counter. Locking it serializes
-- the dequeues of one queue (normally there is one reader per queue anyway).
CREATE TABLE IF NOT EXISTS OrleansStreamControl (
    ServiceId  VARCHAR(150) NOT NULL,
    ProviderId VARCHAR(150) NOT NULL,
    QueueId    VARCHAR(150) NOT NULL,
    EvictOn    DATETIME(6)  NOT NULL,
    Dequeues   BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (ServiceId, ProviderId, QueueId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Enqueue: one row, visible at once; answers the new message's id.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('QueueStreamMessageKey', '
INSERT INTO OrleansStreamMessage (ServiceId, ProviderId, QueueId, Dequeued, VisibleOn, ExpiresOn, CreatedOn, ModifiedOn, Payload)
VALUES (@ServiceId, @ProviderId, @QueueId, 0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL @ExpiryTimeout SECOND, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), @Payload);
SELECT @ServiceId AS ServiceId, @ProviderId AS ProviderId, @QueueId AS QueueId, CAST(LAST_INSERT_ID() AS SIGNED) AS MessageId;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- Dequeue up to @MaxCount visible messages in MessageId order, hiding them for @VisibilityTimeout seconds and
-- counting the attempt. Every @EvictionInterval seconds (per queue, cluster-wide) the same call first moves
-- the queue''s spent messages (attempts used up, or expired) to dead letters and drops dead letters whose
-- RemoveOn has passed. Returns the dequeued rows (Dequeued is the receipt a confirmation must present).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GetStreamMessagesKey', '
INSERT INTO OrleansStreamControl (ServiceId, ProviderId, QueueId, EvictOn, Dequeues)
VALUES (@ServiceId, @ProviderId, @QueueId, UTC_TIMESTAMP(6), 0)
ON DUPLICATE KEY UPDATE Dequeues = Dequeues;
START TRANSACTION;
UPDATE OrleansStreamControl SET Dequeues = LAST_INSERT_ID(Dequeues + 1)
WHERE ServiceId = @ServiceId AND ProviderId = @ProviderId AND QueueId = @QueueId;
UPDATE OrleansStreamControl SET EvictOn = UTC_TIMESTAMP(6) + INTERVAL @EvictionInterval SECOND
WHERE ServiceId = @ServiceId AND ProviderId = @ProviderId AND QueueId = @QueueId AND EvictOn <= UTC_TIMESTAMP(6);
INSERT INTO OrleansStreamDeadLetter
    (ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn, CreatedOn, ModifiedOn, DeadOn, RemoveOn, Payload)
SELECT ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn, CreatedOn, ModifiedOn,
       UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL @RemovalTimeout SECOND, Payload
FROM OrleansStreamMessage
WHERE ROW_COUNT() > 0
  AND ServiceId = @ServiceId AND ProviderId = @ProviderId AND QueueId = @QueueId
  AND ((Dequeued >= @MaxAttempts AND VisibleOn <= UTC_TIMESTAMP(6)) OR ExpiresOn <= UTC_TIMESTAMP(6))
ORDER BY MessageId
LIMIT @EvictionBatchSize;
DELETE M FROM OrleansStreamMessage AS M
JOIN OrleansStreamDeadLetter AS D
  ON D.ServiceId = M.ServiceId AND D.ProviderId = M.ProviderId AND D.QueueId = M.QueueId AND D.MessageId = M.MessageId
WHERE M.ServiceId = @ServiceId AND M.ProviderId = @ProviderId AND M.QueueId = @QueueId;
DELETE FROM OrleansStreamDeadLetter
WHERE ServiceId = @ServiceId AND ProviderId = @ProviderId AND QueueId = @QueueId AND RemoveOn <= UTC_TIMESTAMP(6)
ORDER BY RemoveOn
LIMIT @EvictionBatchSize;
UPDATE OrleansStreamMessage
SET Dequeued = Dequeued + 1,
    VisibleOn = UTC_TIMESTAMP(6) + INTERVAL @VisibilityTimeout SECOND,
    ModifiedOn = UTC_TIMESTAMP(6),
    Receipt = LAST_INSERT_ID()
WHERE ServiceId = @ServiceId AND ProviderId = @ProviderId AND QueueId = @QueueId
  AND Dequeued < @MaxAttempts AND VisibleOn <= UTC_TIMESTAMP(6) AND ExpiresOn > UTC_TIMESTAMP(6)
ORDER BY MessageId
LIMIT @MaxCount;
SELECT ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn, CreatedOn, ModifiedOn, Payload
FROM OrleansStreamMessage
WHERE ServiceId = @ServiceId AND ProviderId = @ProviderId AND QueueId = @QueueId AND Receipt = LAST_INSERT_ID()
ORDER BY MessageId;
COMMIT;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- Confirm or release. @Items is "MessageId:Receipt|MessageId:Receipt…"; a positive receipt confirms (deletes)
-- the message, a negative one releases it for immediate redelivery; either only while the message''s
-- Dequeued still equals the receipt (nobody dequeued it again since). Returns the messages acted on.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ConfirmStreamMessagesKey', '
START TRANSACTION;
SELECT M.ServiceId, M.ProviderId, M.QueueId, M.MessageId
FROM JSON_TABLE(CONCAT(''[['', REPLACE(REPLACE(@Items, '':'', '',''), ''|'', ''],[''), '']]''), ''$[*]''
         COLUMNS (MessageId BIGINT PATH ''$[0]'', Receipt INT PATH ''$[1]'')) AS I
JOIN OrleansStreamMessage AS M
  ON M.ServiceId = @ServiceId AND M.ProviderId = @ProviderId AND M.QueueId = @QueueId
 AND M.MessageId = I.MessageId AND M.Dequeued = ABS(I.Receipt)
ORDER BY M.MessageId
FOR UPDATE;
DELETE FROM OrleansStreamMessage
WHERE ServiceId = @ServiceId AND ProviderId = @ProviderId AND QueueId = @QueueId
  AND (MessageId, Dequeued) IN (
      SELECT I.MessageId, I.Receipt
      FROM JSON_TABLE(CONCAT(''[['', REPLACE(REPLACE(@Items, '':'', '',''), ''|'', ''],[''), '']]''), ''$[*]''
               COLUMNS (MessageId BIGINT PATH ''$[0]'', Receipt INT PATH ''$[1]'')) AS I
      WHERE I.Receipt > 0);
UPDATE OrleansStreamMessage
SET VisibleOn = UTC_TIMESTAMP(6), ModifiedOn = UTC_TIMESTAMP(6)
WHERE ServiceId = @ServiceId AND ProviderId = @ProviderId AND QueueId = @QueueId
  AND (MessageId, Dequeued) IN (
      SELECT I.MessageId, -I.Receipt
      FROM JSON_TABLE(CONCAT(''[['', REPLACE(REPLACE(@Items, '':'', '',''), ''|'', ''],[''), '']]''), ''$[*]''
               COLUMNS (MessageId BIGINT PATH ''$[0]'', Receipt INT PATH ''$[1]'')) AS I
      WHERE I.Receipt < 0);
COMMIT;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- A delivery failure reported by the stream failure handler: the message becomes visible again while it has
-- attempts left, otherwise it moves to dead letters at once.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('FailStreamMessageKey', '
START TRANSACTION;
UPDATE OrleansStreamMessage SET VisibleOn = UTC_TIMESTAMP(6), ModifiedOn = UTC_TIMESTAMP(6)
WHERE ServiceId = @ServiceId AND ProviderId = @ProviderId AND QueueId = @QueueId AND MessageId = @MessageId
  AND Dequeued < @MaxAttempts;
INSERT INTO OrleansStreamDeadLetter
    (ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn, CreatedOn, ModifiedOn, DeadOn, RemoveOn, Payload)
SELECT ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn, CreatedOn, ModifiedOn,
       UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL @RemovalTimeout SECOND, Payload
FROM OrleansStreamMessage
WHERE ROW_COUNT() = 0
  AND ServiceId = @ServiceId AND ProviderId = @ProviderId AND QueueId = @QueueId AND MessageId = @MessageId;
DELETE M FROM OrleansStreamMessage AS M
JOIN OrleansStreamDeadLetter AS D
  ON D.ServiceId = M.ServiceId AND D.ProviderId = M.ProviderId AND D.QueueId = M.QueueId AND D.MessageId = M.MessageId
WHERE M.ServiceId = @ServiceId AND M.ProviderId = @ProviderId AND M.QueueId = @QueueId AND M.MessageId = @MessageId;
COMMIT;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- Eviction on its own (the dequeue query does the same when due): up to @MaxCount spent messages to dead letters.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('EvictStreamMessagesKey', '
START TRANSACTION;
INSERT INTO OrleansStreamDeadLetter
    (ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn, CreatedOn, ModifiedOn, DeadOn, RemoveOn, Payload)
SELECT ServiceId, ProviderId, QueueId, MessageId, Dequeued, VisibleOn, ExpiresOn, CreatedOn, ModifiedOn,
       UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL @RemovalTimeout SECOND, Payload
FROM OrleansStreamMessage
WHERE ServiceId = @ServiceId AND ProviderId = @ProviderId AND QueueId = @QueueId
  AND ((Dequeued >= @MaxAttempts AND VisibleOn <= UTC_TIMESTAMP(6)) OR ExpiresOn <= UTC_TIMESTAMP(6))
ORDER BY MessageId
LIMIT @MaxCount
FOR UPDATE;
DELETE M FROM OrleansStreamMessage AS M
JOIN OrleansStreamDeadLetter AS D
  ON D.ServiceId = M.ServiceId AND D.ProviderId = M.ProviderId AND D.QueueId = M.QueueId AND D.MessageId = M.MessageId
WHERE M.ServiceId = @ServiceId AND M.ProviderId = @ProviderId AND M.QueueId = @QueueId;
COMMIT;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);

-- Drops up to @MaxCount dead letters of the queue whose RemoveOn has passed.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('EvictStreamDeadLettersKey', '
DELETE FROM OrleansStreamDeadLetter
WHERE ServiceId = @ServiceId AND ProviderId = @ProviderId AND QueueId = @QueueId AND RemoveOn <= UTC_TIMESTAMP(6)
ORDER BY RemoveOn
LIMIT @MaxCount;
') ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);
