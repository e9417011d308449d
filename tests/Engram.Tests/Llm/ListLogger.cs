using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Engram.Tests.Llm;

/// Keeps every line logged through it, so a test can read why a fall-back happened and check
/// that no line carries the document's text or the key.
public sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, formatter(state, exception)));
}

/// The built-in extractor's stand-in: one fact that quotes what it was given, and a record of each input.
public sealed class RecordingExtractor : Engram.Graph.IFactExtractor
{
    public ConcurrentQueue<Engram.Graph.ExtractionInput> Inputs { get; } = new();

    public Task<Engram.Graph.ExtractedGraph> ExtractAsync(Engram.Graph.ExtractionInput input, CancellationToken cancellationToken)
    {
        Inputs.Enqueue(input);
        return Task.FromResult(new Engram.Graph.ExtractedGraph(
            [new("Built In", "other", [])], [new("built-in: " + input.Text, input.DatedAt, ["Built In"], null)]));
    }
}
