namespace Shop.Providers.MySql;

/// <summary>The ADO.NET invariant name for hosts that configure Orleans' ADO.NET providers on MariaDB.</summary>
public static class MySqlInvariant
{
    /// <summary>
    /// <c>MySql.Data.MySqlConnector</c>: the name under which Orleans' ADO.NET providers load MySqlConnector's
    /// factory (despite the "MySql.Data" prefix, it is MySqlConnector, not Oracle's driver). The host must
    /// ship the MySqlConnector assembly, which referencing this project does.
    /// </summary>
    public const string Name = "MySql.Data.MySqlConnector";
}
