namespace Shop.Providers.Sqlite.Schema;

/// <summary>One numbered schema script.</summary>
internal sealed record SchemaScript(int Version, string Sql);
