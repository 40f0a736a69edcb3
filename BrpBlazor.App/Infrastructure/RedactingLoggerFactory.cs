using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace BrpBlazor.App.Infrastructure;

/// <summary>
/// Personnummer never reach the logs. The app's own code never logs one, but the framework does not know what
/// a personnummer is: at Debug, SignalR logs every value typed into a field, and the request log writes whole
/// URLs. This factory wraps every logger of every provider and masks anything shaped like a 10- or 12-digit
/// personnummer (with or without separator) before a provider sees it.
/// </summary>
public sealed partial class RedactingLoggerFactory : ILoggerFactory
{
    public const string Mask = "[personnummer]";

    private readonly LoggerFactory inner;

    public RedactingLoggerFactory(
        IEnumerable<ILoggerProvider> providers,
        IOptionsMonitor<LoggerFilterOptions> filterOptions,
        IOptions<LoggerFactoryOptions> factoryOptions,
        IExternalScopeProvider? scopeProvider = null) =>
        inner = new LoggerFactory(providers, filterOptions, factoryOptions, scopeProvider);

    public static string Redact(string text) => text.Length < 10 ? text : Candidate().Replace(text, Mask);

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    [GeneratedRegex(@"(?<!\d)(\d{8}|\d{6})[-+]?\d{4}(?!\d)")]
    private static partial Regex Candidate();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull =>
            inner.BeginScope(new RedactedState(state));

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = Redact(formatter(state, exception));
            inner.Log(logLevel, eventId, new RedactedState((object?)state ?? message, message), exception is null ? null : new RedactedException(exception), static (s, _) => s.ToString());
        }
    }

    /// <summary>The structured values of a log line, with every string form masked.</summary>
    private sealed class RedactedState : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> values;
        private readonly string message;

        public RedactedState(object state, string? message = null)
        {
            this.message = message ?? Redact(state.ToString() ?? string.Empty);
            values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value is null or int or long or bool or double or decimal ? p.Value : Redact(p.Value.ToString() ?? string.Empty))).ToList()
                : [];
        }

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }

    /// <summary>An exception whose message and stack text are masked; the original type is named in the text.</summary>
    private sealed class RedactedException(Exception original) : Exception(Redact($"{original.GetType().FullName}: {original.Message}"))
    {
        public override string? StackTrace => Redact(original.StackTrace ?? string.Empty);

        public override string ToString() => Redact(original.ToString());
    }
}
