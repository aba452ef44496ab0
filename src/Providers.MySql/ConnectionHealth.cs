using System.Data;
using MySqlConnector;

namespace Shop.Providers.MySql;

/// <summary>Checks on the store's long-lived writer connections.</summary>
internal static class ConnectionHealth
{
    /// <summary>
    /// How long a connection may sit unused before it is pinged ahead of its next use. The server drops
    /// idle sessions after <c>wait_timeout</c> (8 hours by default, often far less behind proxies), and a
    /// restart drops them all; finding out with a ping costs one round trip after a quiet spell, where
    /// finding out with the statement itself would fail the batch once more before it is run again.
    /// </summary>
    public static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the connection can still be used. After a server error (a constraint, say) it can; after a
    /// network error or a timeout it may be gone or out of step, and a fresh one is cheaper than finding
    /// out later.
    /// </summary>
    public static async Task<bool> IsUsableAsync(MySqlConnection connection)
    {
        try
        {
            return connection.State == ConnectionState.Open && await connection.PingAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is MySqlException or InvalidOperationException or IOException)
        {
            return false;
        }
    }
}
