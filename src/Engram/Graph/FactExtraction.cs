namespace Engram.Graph;

// What graph memory and `factExtraction` learn from one sample. Two extractors fill these: the
// built-in one (rules over sentences with the embedding model and tokenizers, no download) and,
// when `Engram:Llm:Endpoint` is set, the language model following the memory's ontology, which
// falls back to the built-in one when the endpoint fails.

/// One sample's text with what is known around it: the speaker of a message and its time, so that
/// pronouns and relative dates ("yesterday", "last Saturday") can be resolved into the facts.
public sealed record ExtractionInput(string Text, string? Speaker, DateTime? DatedAt, string? Ontology, string SampleType);

/// A person, place, organisation, product, date or title, under its canonical name with the other names it goes by.
public sealed record ExtractedEntity(string Name, string Kind, IReadOnlyList<string> Aliases);

/// A self-contained sentence (pronouns and relative dates resolved where possible), dated when known.
/// `Entities` are the canonical names it mentions: a fact connects them, and that is the graph's edge.
/// `Relation` names the edge when the extractor can (e.g. "works at"), else null.
public sealed record ExtractedFact(string Content, DateTime? ValidAt, IReadOnlyList<string> Entities, string? Relation);

public sealed record ExtractedGraph(IReadOnlyList<ExtractedEntity> Entities, IReadOnlyList<ExtractedFact> Facts)
{
    public static readonly ExtractedGraph Empty = new([], []);
}

public interface IFactExtractor
{
    Task<ExtractedGraph> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken);
}
