namespace Shop.Providers.MySql;

/// <summary>One numbered schema script: <c>Scripts/MySQL-NNN-Name.sql</c>, split into its statements.</summary>
internal sealed record SchemaScript(int Version, string Name, IReadOnlyList<string> Statements);
