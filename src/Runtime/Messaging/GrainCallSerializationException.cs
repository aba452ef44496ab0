namespace Shop.Runtime;

/// <summary>An argument or result of a grain call cannot be serialized.</summary>
public sealed class GrainCallSerializationException(string message, Exception? innerException = null) : Exception(message, innerException);
