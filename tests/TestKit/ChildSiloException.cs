namespace Shop.TestKit;

public sealed class ChildSiloException(string message) : Exception(message);
