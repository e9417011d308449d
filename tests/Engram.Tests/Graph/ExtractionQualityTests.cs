using Engram.Graph;
using Engram.Graph.Extraction;

namespace Engram.Tests.Graph;

/// The built-in extractor against the hand-labelled set: entity recall and precision (by name, and
/// by name and kind), and the pronouns and "I"s it must resolve. The figures go to the test output.
public sealed class ExtractionQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void Entities_are_found_with_their_kinds()
    {
        var (recall, precision, typedRecall) = Score(LabelledSet.All);
        Assert.True(recall >= 0.9, $"recall {recall:0.000}");
        Assert.True(precision >= 0.9, $"precision {precision:0.000}");
        Assert.True(typedRecall >= 0.85, $"recall with the right kind {typedRecall:0.000}");
    }

    [Fact]
    public void Entities_are_found_in_text_the_rules_were_not_written_against()
    {
        var (recall, precision, typedRecall) = Score(HeldOutSet.All);
        Assert.True(recall >= 0.75, $"recall {recall:0.000}");
        Assert.True(precision >= 0.75, $"precision {precision:0.000}");
        Assert.True(typedRecall >= 0.6, $"recall with the right kind {typedRecall:0.000}");
    }

    private (double Recall, double Precision, double TypedRecall) Score(Labelled[] set)
    {
        int expected = 0, found = 0, named = 0, typed = 0;
        foreach (var labelled in set)
        {
            var graph = BuiltInFactExtractor.Extract(labelled.Input);
            expected += labelled.Entities.Length;
            found += graph.Entities.Count;
            foreach (var (name, kind) in labelled.Entities)
            {
                var match = graph.Entities.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)
                    || e.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase));
                named += match is null ? 0 : 1;
                typed += match?.Kind == kind ? 1 : 0;
                if (match?.Kind != kind)
                {
                    output.WriteLine($"missed {name} ({kind}){(match is null ? "" : $" as {match.Kind}")} in: {labelled.Text}");
                }
            }
            foreach (var extra in graph.Entities.Where(e => !labelled.Entities.Any(l => string.Equals(l.Name, e.Name, StringComparison.OrdinalIgnoreCase))))
            {
                output.WriteLine($"extra {extra.Name} ({extra.Kind}) in: {labelled.Text}");
            }
        }
        var recall = (double)named / expected;
        var precision = (double)named / found;
        var typedRecall = (double)typed / expected;
        output.WriteLine($"entities: recall {recall:0.000}, precision {precision:0.000}, recall with the right kind {typedRecall:0.000} ({expected} labelled, {found} found)");
        return (recall, precision, typedRecall);
    }

    [Fact]
    public void Pronouns_and_first_person_resolve_to_names()
    {
        var cases = LabelledSet.All.Concat(HeldOutSet.All).Where(l => l.FactContains is not null).ToList();
        var resolved = 0;
        foreach (var labelled in cases)
        {
            var facts = BuiltInFactExtractor.Extract(labelled.Input).Facts;
            if (facts.Any(f => f.Content.Contains(labelled.FactContains!, StringComparison.Ordinal)))
            {
                resolved++;
            }
            else
            {
                output.WriteLine($"no fact with \"{labelled.FactContains}\" in: {string.Join(" | ", facts.Select(f => f.Content))}");
            }
        }
        output.WriteLine($"resolved {resolved} of {cases.Count}");
        Assert.Equal(cases.Count, resolved);
    }

    [Fact]
    public void Chit_chat_gives_no_facts()
    {
        foreach (var labelled in LabelledSet.All.Where(l => l.Entities.Length == 0))
        {
            Assert.Empty(BuiltInFactExtractor.Extract(labelled.Input).Facts);
        }
    }
}
