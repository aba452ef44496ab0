using MySqlConnector;

namespace Shop.Providers.MySql;

/// <summary>Server and driver errors the store reacts to.</summary>
internal static class MySqlErrors
{
    /// <summary>
    /// Errors after which running the same transaction again is expected to succeed: InnoDB chose it as a
    /// deadlock victim and rolled all of it back (1213), a lock wait timed out (1205, the batch cannot go
    /// on without the statement), or MariaDB's snapshot isolation found a row changed (1020).
    /// </summary>
    public static bool IsTransient(Exception exception)
        => exception is MySqlException
        {
            ErrorCode: MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout or MySqlErrorCode.CheckRead,
        };

    /// <summary>
    /// Whether a read failed because its (pooled) connection was dead, e.g. killed by the server or cut by
    /// a restart, rather than because of the statement: running it once more on a fresh connection helps.
    /// MySqlConnector reports lost connections with client error numbers (below 1000) or the server's
    /// "connection killed" (MariaDB 1927), "query interrupted" (1317) and "server shutdown" (1053).
    /// </summary>
    public static bool IsConnectionFailure(Exception exception) => exception switch
    {
        MySqlException { Number: < 1000 or 1927 or 1317 or 1053 or 2006 or 2013 } => true,
        MySqlException { InnerException: IOException or EndOfStreamException or System.Net.Sockets.SocketException } => true,
        IOException or EndOfStreamException => true,
        _ => false,
    };
}
