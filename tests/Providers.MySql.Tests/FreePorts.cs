using System.Net;
using System.Net.Sockets;

namespace Shop.Providers.MySql.Tests;

/// <summary>Ports for in-process silos, so that tests (and other test runs on the machine) never collide on fixed ones.</summary>
internal static class FreePorts
{
    /// <summary>A TCP port on the loopback interface that nothing listens on right now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
