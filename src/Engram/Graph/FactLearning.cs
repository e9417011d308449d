namespace Engram.Graph;

/// Ingestion's call into the extractor. An extractor that fails costs the sample its facts, never
/// its chunks: the sample is still stored and searchable, and the log says why it taught nothing.
public sealed partial class FactLearning(IFactExtractor extractor, ILogger<FactLearning> logger)
{
    public async Task<ExtractedGraph> ExtractAsync(ExtractionInput input, string sampleId, CancellationToken cancellationToken)
    {
        try
        {
            var graph = await extractor.ExtractAsync(input, cancellationToken);
            // A fact's content is what is searched and shown: an empty one is no fact.
            return graph.Facts.All(fact => !string.IsNullOrWhiteSpace(fact.Content)) ? graph
                : graph with { Facts = [.. graph.Facts.Where(fact => !string.IsNullOrWhiteSpace(fact.Content))] };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogExtractionError(e, sampleId);
            return ExtractedGraph.Empty;
        }
    }

    /// The texts to embed for a sample's facts, after its chunks', in one model call.
    public static EmbeddedGraph Embedded(ExtractedGraph graph, float[][] vectors, int offset) =>
        graph.Facts.Count == 0 ? EmbeddedGraph.Empty : new EmbeddedGraph(graph, vectors[offset..(offset + graph.Facts.Count)]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph: extracting facts from sample {SampleId} failed; it is stored without facts")]
    private partial void LogExtractionError(Exception error, string sampleId);
}
