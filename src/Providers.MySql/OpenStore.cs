using Shop.Providers.MySql.Statements;
using Shop.Providers.MySql.Writing;

namespace Shop.Providers.MySql;

/// <summary>What a <see cref="MySqlStore"/> runs once its schema is in place.</summary>
internal sealed record OpenStore(CommitWriter Writer, StatementWorkers Statements);
