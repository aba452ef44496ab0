using Shop.Runtime.Hosting;

namespace Shop.Runtime.Tests.Streams;

/// <summary>Silo settings of the stream tests: fast retries, one-second reminders.</summary>
internal static class StreamTestSilo
{
    public const int MaxAttempts = 5;

    public static ISiloBuilder Configure(ISiloBuilder silo) => silo
        .AddGrains(typeof(StreamTestSilo).Assembly)
        .Configure(o => o.ResponseTimeout = TimeSpan.FromSeconds(10))
        .ConfigureStreams(o =>
        {
            o.QueueCount = 4;
            o.MaxDeliveryAttempts = MaxAttempts;
            o.InitialRetryDelay = TimeSpan.FromMilliseconds(5);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(50);
            o.PollInterval = TimeSpan.FromMilliseconds(250);
            o.RetentionPeriod = TimeSpan.Zero;
        })
        .ConfigureReminders(o =>
        {
            o.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
            o.RefreshPeriod = TimeSpan.FromSeconds(1);
        });
}
