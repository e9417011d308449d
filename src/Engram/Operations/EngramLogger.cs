namespace Engram.Operations;

/// The one logger provider: every category's lines go through the request log's writer, so the
/// server's output has one format (LogLines), one clock and one batched writer, and each line
/// logged while a request runs names that request (the RequestScope it runs under).
internal sealed class EngramLoggerProvider(RequestLog log, LogFormat format) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        RequestScope? request = null;
        _scopes.ForEachScope((scope, _) => request ??= scope as RequestScope, (object?)null);
        log.AddEvent(LogLines.Event(format, DateTime.UtcNow, level, category, message, exception, request));
    }

    public ILogger CreateLogger(string categoryName) => new EngramLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class EngramLogger(EngramLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        // The factory's filters (Logging:LogLevel) have already decided; this logger writes what reaches it.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            provider.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
