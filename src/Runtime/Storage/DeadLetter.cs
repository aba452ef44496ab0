namespace Shop.Runtime.Storage;

/// <summary>An event whose handler kept failing after every retry, parked for an operator.</summary>
public sealed record DeadLetter(long Id, string Consumer, StreamEvent Event, string Error, int Attempts, DateTimeOffset FailedAt);
