using Microsoft.Extensions.Logging;

namespace AutoScaling.Integration.Tests;

/// <summary>Hands every log entry at or above a level to a callback (the test's timeline), so the host's warnings show in the test output.</summary>
internal sealed class CallbackLoggerProvider(Action<string> write, LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(write, minimum, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(Action<string> write, LogLevel minimum, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var name = category[(category.LastIndexOf('.') + 1)..];
                write($"log {logLevel} {name}: {formatter(state, exception)}{(exception is null ? string.Empty : " (" + exception.GetType().Name + ": " + exception.Message + ")")}");
            }
        }
    }
}
