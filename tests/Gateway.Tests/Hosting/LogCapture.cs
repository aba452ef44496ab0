using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Shop.Gateway.Tests.Hosting;

/// <summary>Keeps the log lines of the project's own categories (<c>Shop.*</c>), for tests that check what was printed.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _lines = new();

    public IReadOnlyList<CapturedLog> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => category.StartsWith("Shop.", StringComparison.Ordinal) && logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception)));
            }
        }
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message);
