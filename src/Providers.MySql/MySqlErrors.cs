using MySql.Data.MySqlClient;

namespace Shop.Providers.MySql;

/// <summary>Server error numbers the store reacts to.</summary>
internal static class MySqlErrors
{
    /// <summary>ER_LOCK_DEADLOCK: InnoDB chose this transaction as a deadlock victim and rolled all of it back.</summary>
    public const int Deadlock = 1213;

    /// <summary>ER_LOCK_WAIT_TIMEOUT: only the statement was rolled back, but the batch cannot go on without it.</summary>
    public const int LockWaitTimeout = 1205;

    /// <summary>ER_CHECKREAD: MariaDB's snapshot isolation found a row changed by another transaction.</summary>
    public const int RecordChanged = 1020;

    /// <summary>Errors after which running the same transaction again is expected to succeed.</summary>
    public static bool IsTransient(Exception exception)
        => exception is MySqlException { Number: Deadlock or LockWaitTimeout or RecordChanged };
}
