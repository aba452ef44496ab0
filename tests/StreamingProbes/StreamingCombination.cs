namespace Shop.StreamingProbes;

/// <summary>The storage and stream queue pairs the streaming tests run on.</summary>
public enum StreamingCombination
{
    /// <summary>The embedded default: state, journal and the stream queue in one SQLite file.</summary>
    SqliteQueue,

    /// <summary>MariaDB state and journal, Orleans' ADO.NET streams in the same database.</summary>
    MySqlAdoNet,

    /// <summary>MariaDB state and journal, streams on Kafka (the mock broker in tests).</summary>
    MySqlKafka,
}
