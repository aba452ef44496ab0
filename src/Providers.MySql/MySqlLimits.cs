namespace Shop.Providers.MySql;

/// <summary>The lengths of the VARCHAR key columns of <c>Scripts/MySQL-001-Initial.sql</c>, in characters.</summary>
internal static class MySqlLimits
{
    public const int GrainType = 100;
    public const int GrainKey = 500;
    public const int StateName = 100;
    public const int StateType = 1000;
}
