namespace Engram.Graph.Extraction;

/// The extractor Engram always has: rules over sentences, no model and no network. A message
/// becomes one fact per claim, in the third person ("I adopted a puppy yesterday" said by Caroline
/// on 8 May 2023 is "Caroline adopted a puppy yesterday [7 May 2023]."), chit-chat dropped; a document,
/// each informative sentence with its pronouns resolved within the paragraph. Entities are the
/// names the facts mention, merged under one canonical name each.
public sealed class BuiltInFactExtractor : IFactExtractor
{
    /// Bounds on one sample's output, whatever its size; text past MaxTextLength is not read.
    public const int MaxFacts = 2000;
    public const int MaxFactLength = 600;
    public const int MaxTextLength = 2_000_000;

    public Task<ExtractedGraph> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(Extract(input, cancellationToken));
    }

    public static ExtractedGraph Extract(ExtractionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (speaker, text) = SpeakerLine.Of(input);
        var tokens = Tokens.Of(text.Length > MaxTextLength ? text[..MaxTextLength] : text);
        var sentences = Sentences.Of(tokens).ToList();
        if (sentences.Count == 0)
        {
            return ExtractedGraph.Empty;
        }
        var rules = ExtractionRules.For(input.Ontology);
        var conversation = input.SampleType != "document";
        var finder = new EntityFinder(speaker, CapitalisedElsewhere(sentences), rules);
        var registry = new EntityRegistry();
        var found = new List<List<Mention>>(sentences.Count);
        foreach (var sentence in sentences)
        {
            var mentions = finder.Find(sentence.Tokens);
            if (conversation)
            {
                Vocatives.Mark(sentence.Tokens, mentions);
            }
            mentions.Where(m => !m.Vocative).ToList().ForEach(m => registry.Add(m.Name, m.Kind));
            foreach (var (a, b) in AliasPairs.In(sentence.Tokens, mentions, speaker))
            {
                registry.SameAs(a, b);
            }
            found.Add(mentions);
        }
        var addressee = found.SelectMany(m => m).FirstOrDefault(m => m.Vocative && !string.Equals(m.Name, speaker, StringComparison.OrdinalIgnoreCase))?.Name;
        var voices = new Voices(speaker, addressee);
        var facts = new List<(string Content, DateTime? ValidAt, List<string> Keys, string? Relation)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var s = 0; s < sentences.Count && facts.Count < MaxFacts; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!conversation && sentences[s].OpensParagraph)
            {
                voices.NewParagraph();
            }
            foreach (var (start, end) in Clauses.Of(sentences[s].Tokens))
            {
                if (ClauseWriter.Write(sentences[s].Tokens, start, end, found[s], voices, rules) is not { } clause)
                {
                    continue;
                }
                var content = Dates.Resolve(clause.Text, input.DatedAt);
                if (content.Length > MaxFactLength || !seen.Add(content) || facts.Count >= MaxFacts)
                {
                    continue;
                }
                var dates = Dates.In(content, input.DatedAt);
                var keys = clause.Names.Select(name => registry.Add(name, EntityKinds.Person)).ToList();
                var named = keys.Count > 0;
                keys.AddRange(dates.Select(date => registry.Add(date.Name, EntityKinds.Date)));
                var validAt = dates.FirstOrDefault(date => date.Day is not null).Day ?? input.DatedAt;
                facts.Add((content, validAt, keys, named ? clause.Relation : null));
            }
        }
        var (entities, canonical) = registry.Build(facts.SelectMany(f => f.Keys).ToHashSet(StringComparer.Ordinal));
        return new ExtractedGraph(entities,
            [.. facts.Select(f => new ExtractedFact(f.Content, f.ValidAt, f.Keys.Select(k => canonical[k]).Distinct(StringComparer.Ordinal).ToList(), f.Relation))]);
    }

    // Words written capitalised inside a sentence are names; at its start they may only be capitalised because they start it.
    private static HashSet<string> CapitalisedElsewhere(List<Sentence> sentences)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            var first = sentence.Tokens.FindIndex(t => t.Kind != TokenKind.Punctuation);
            for (var i = first + 1; i < sentence.Tokens.Count; i++)
            {
                if (sentence.Tokens[i].IsCapitalised && !sentence.Tokens[i - 1].Is("\"") && !FunctionWords.Starters.Contains(sentence.Tokens[i].Key))
                {
                    names.Add(EntityFinder.StripPossessive(sentence.Tokens[i].Key));
                }
            }
        }
        return names;
    }
}
