using Engram.Graph;
using Microsoft.Extensions.AI;

namespace Engram.Llm;

/// Extraction by the language model, following the memory's ontology. A long sample is asked for
/// in pieces; a piece the model cannot do (endpoint down or slow, an unusable answer) is done by
/// the built-in extractor instead, and so is the rest of that sample, with a log line saying why.
public sealed partial class LlmFactExtractor(LanguageModel model, IFactExtractor fallback, ILogger<LlmFactExtractor> logger) : IFactExtractor
{
    /// About 1,500 tokens a piece: room for the rules and a full answer in a small model's context.
    public const int PieceChars = 6_000;

    private static readonly ChatOptions Options = new()
    {
        ResponseFormat = ChatResponseFormat.Json,
        Temperature = 0,
        MaxOutputTokens = 4_096,
    };

    public IFactExtractor Fallback => fallback;

    public async Task<ExtractedGraph> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var entities = new EntityNames();
        var facts = new List<ExtractedFact>();
        var modelFailed = false;
        foreach (var piece in Pieces(input.Text))
        {
            ExtractedGraph graph;
            if (!modelFailed)
            {
                try
                {
                    var answer = await model.AskAsync("extraction", ExtractionPrompts.For(input, piece), Options, cancellationToken);
                    graph = ExtractionAnswer.Parse(answer, input.DatedAt);
                    Merge(graph, entities, facts);
                    continue;
                }
                catch (LanguageModelException failure)
                {
                    LogFellBack(logger, input.SampleType, failure.Message);
                    modelFailed = true;
                }
            }
            graph = await fallback.ExtractAsync(input with { Text = piece }, cancellationToken);
            Merge(graph, entities, facts);
        }
        return facts.Count == 0 && entities.All().Count == 0 ? ExtractedGraph.Empty : new ExtractedGraph(entities.All(), facts);
    }

    /// The pieces' entities as one set of names; each fact names them by their merged canonical names.
    private static void Merge(ExtractedGraph graph, EntityNames entities, List<ExtractedFact> facts)
    {
        foreach (var entity in graph.Entities)
        {
            entities.Add(entity.Name, entity.Kind, entity.Aliases);
        }
        foreach (var fact in graph.Facts)
        {
            facts.Add(fact with { Entities = fact.Entities.Select(name => entities.Canonical(name) ?? name).Distinct().ToList() });
        }
    }

    /// Consecutive pieces of at most <see cref="PieceChars"/>, cut after a paragraph, else a sentence, else a space.
    public static IEnumerable<string> Pieces(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + PieceChars);
            if (end < text.Length)
            {
                var window = text.AsSpan(start, end - start);
                var cut = window.LastIndexOf("\n\n");
                cut = cut > PieceChars / 2 ? cut : window.LastIndexOf(". ");
                cut = cut > PieceChars / 2 ? cut : window.LastIndexOf(' ');
                end = cut > 0 ? start + cut + 1 : end;
            }
            var piece = text[start..end].Trim();
            if (piece.Length > 0)
            {
                yield return piece;
            }
            start = end;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language model: extraction of a {SampleType} sample fell back to the built-in extractor: {Reason}")]
    private static partial void LogFellBack(ILogger logger, string sampleType, string reason);
}
