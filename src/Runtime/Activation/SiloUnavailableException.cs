namespace Shop.Runtime;

/// <summary>The silo that should serve a request is shutting down or gone.</summary>
public sealed class SiloUnavailableException(string message) : Exception(message);
