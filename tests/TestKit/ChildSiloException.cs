namespace Shop.TestKit;

/// <summary>A child silo answered a command with an error, exited, or could not be started.</summary>
public sealed class ChildSiloException(string message) : Exception(message);
