using MySqlConnector;

namespace Shop.ReadModels.MySql;

/// <summary>Server and driver errors after which the same work, run again, is expected to succeed.</summary>
internal static class MySqlCatalogErrors
{
    /// <summary>
    /// InnoDB chose the transaction as a deadlock victim (1213) or a lock wait timed out (1205), or the connection
    /// died: client errors (below 1000), "server gone away" (2006), "lost connection" (2013), "connection killed"
    /// (MariaDB 1927), "query interrupted" (1317), "server shutdown" (1053), or a broken socket.
    /// </summary>
    public static bool IsRetriable(Exception exception) => exception switch
    {
        MySqlException { ErrorCode: MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout } => true,
        MySqlException { Number: < 1000 or 1927 or 1317 or 1053 or 2006 or 2013 } => true,
        MySqlException { InnerException: IOException or EndOfStreamException or System.Net.Sockets.SocketException } => true,
        IOException or EndOfStreamException => true,
        _ => false,
    };
}
