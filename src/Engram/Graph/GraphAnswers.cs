using System.Text;
using Engram.Retrieval;

namespace Engram.Graph;

/// GET /memory's answer from a graph memory's facts (§12): the default payload is one readable item,
/// the entities involved, then the facts, each dated, best first, deduplicated, within a token
/// budget that top_k scales, then the best passages the chunk search found (the turns' own words);
/// `facts` are up to 3 supporting facts; `assisted` the best of them, one sentence. A fact supports only when it bears on the query (a shared word, a named entity), so
/// a question memory knows nothing about gets nothing rather than an invented answer.
public static class GraphAnswers
{
    /// Tokens of rendering per top_k, and the facts drawn on per top_k.
    private const int TokensPerTopK = 60, FactsPerTopK = 2, MostEntities = 12;

    /// `passages`: the chunk search's best, top_k of them, best first.
    public static MemoryAnswer Answer(GraphFindings found, IReadOnlyList<FoundChunk> passages, int topK, bool facts, bool assisted, string baseUrl)
    {
        var supporting = Supporting(found);
        if (assisted)
        {
            IReadOnlyList<PayloadItem> answer = Assisted(supporting) is { } sentence ? [sentence] : [];
            return new MemoryAnswer(answer, facts ? FactItems(supporting) : [], FactSources(supporting.Take(1), baseUrl),
                answer.Sum(item => TokenCounter.Count(item.Content)));
        }
        var shown = Shown(found, topK);
        IReadOnlyList<PayloadItem> payload = shown.Count == 0 && passages.Count == 0 ? []
            : [new PayloadItem(Render(found, shown, passages), shown.Count > 0 ? shown[0].Score : passages[0].Score)];
        var sources = GraphFusion.Sources(Retriever.Sources(passages, baseUrl), FactSources(shown.Concat(facts ? supporting : []), baseUrl));
        return new MemoryAnswer(payload, facts ? FactItems(supporting) : [], sources, payload.Sum(item => TokenCounter.Count(item.Content)));
    }

    private static List<SourceItem> FactSources(IEnumerable<FoundFact> facts, string baseUrl) =>
        Retriever.Sources([.. facts.Select(fact => fact.AsSource()).OrderByDescending(chunk => chunk.Score)], baseUrl);

    /// Up to 3 facts that bear on the query, best first, each once.
    public static List<FoundFact> Supporting(GraphFindings found) =>
        [.. found.Facts.Where(fact => fact.Relevant).DistinctBy(fact => Key(fact.Content)).Take(3)];

    public static List<FactItem> FactItems(IEnumerable<FoundFact> supporting) => [.. supporting.Select(fact => new FactItem(fact.Dated))];

    /// The best supporting fact, its first sentence, dated: or nothing, when nothing supports.
    public static PayloadItem? Assisted(IReadOnlyList<FoundFact> supporting)
    {
        if (supporting.Count == 0)
        {
            return null;
        }
        var best = supporting[0];
        var sentence = SupportingFacts.Sentences(best.Content).FirstOrDefault() ?? best.Content;
        return new PayloadItem((best with { Content = sentence }).Dated, best.Score);
    }

    /// The facts the rendering draws on: the best, each once, until the budget is spent.
    private static List<FoundFact> Shown(GraphFindings found, int topK)
    {
        var budget = TokensPerTopK * topK;
        var shown = new List<FoundFact>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fact in found.Facts)
        {
            if (shown.Count == FactsPerTopK * topK)
            {
                break;
            }
            if (!seen.Add(Key(fact.Content)))
            {
                continue;
            }
            budget -= TokenCounter.Count(fact.Dated) + 2;
            if (budget < 0 && shown.Count > 0)
            {
                break;
            }
            shown.Add(fact);
        }
        return shown;
    }

    private static string Render(GraphFindings found, List<FoundFact> shown, IReadOnlyList<FoundChunk> passages)
    {
        var entities = new List<IndexedEntity>(found.QueryEntities.Where(named => shown.Any(fact => fact.Entities.Contains(named.Seq))));
        foreach (var seq in shown.SelectMany(fact => fact.Entities))
        {
            if (found.Index.Entities.TryGetValue(seq, out var entity) && !entities.Contains(entity))
            {
                entities.Add(entity);
            }
        }
        var text = new StringBuilder();
        if (entities.Count > 0)
        {
            text.Append("Entities: ").AppendJoin("; ", entities.Take(MostEntities).Select(e => e.Kind == "other" ? e.Name : $"{e.Name} ({e.Kind})")).Append('\n');
        }
        if (shown.Count > 0)
        {
            text.Append("Facts:");
            foreach (var fact in shown)
            {
                text.Append("\n- ").Append(fact.Dated);
            }
        }
        if (passages.Count > 0)
        {
            text.Append(shown.Count > 0 ? "\n" : "").Append("Passages:");
            foreach (var passage in passages)
            {
                text.Append("\n- ").Append(passage.DisplayText);
            }
        }
        return text.ToString();
    }

    /// Two facts are the same when their words are, letter case and punctuation aside.
    private static string Key(string content) => GraphIndex.NameKey(string.Concat(content.Select(c => char.IsLetterOrDigit(c) ? c : ' ')));
}
