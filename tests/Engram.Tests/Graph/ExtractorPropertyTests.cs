using System.Text;
using Engram.Graph;
using Engram.Graph.Extraction;

namespace Engram.Tests.Graph;

/// Whatever the text: the extractor never throws, its output stays bounded, every fact has words,
/// and every entity a fact names is among the sample's entities.
public sealed class ExtractorPropertyTests
{
    private static readonly string[] Pieces =
    [
        "I", "my", "she", "he", "we", "you", "Caroline", "Mel", "Melanie", "Acme Corp", "Sweden", "\"Dune\"", "yesterday", "last Saturday",
        "7 May 2023", "and", "but", ",", ".", "!", "?", ";", " - ", "'s", "’", "(", ")", "[", "]", "\n", "\n\n", "read", "moved to",
        "works at", "ERR_X_Y", "0x8007", "Windows 11", "😀", "\u0301", "\uD800", "\0", "Dr.", "call me", "aka", "lol", "thanks",
    ];

    private static void Holds(ExtractionInput input)
    {
        var graph = BuiltInFactExtractor.Extract(input);
        Assert.InRange(graph.Facts.Count, 0, BuiltInFactExtractor.MaxFacts);
        var names = graph.Entities.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(names.Count, graph.Entities.Count);
        foreach (var fact in graph.Facts)
        {
            Assert.False(string.IsNullOrWhiteSpace(fact.Content));
            Assert.InRange(fact.Content.Length, 1, BuiltInFactExtractor.MaxFactLength);
            Assert.All(fact.Entities, name => Assert.Contains(name, names));
        }
        Assert.All(graph.Entities, e => Assert.False(string.IsNullOrWhiteSpace(e.Name)));
    }

    private static ExtractionInput Input(string text, Random random) => new(text,
        random.Next(3) switch { 0 => null, 1 => "Caroline", _ => "user" },
        random.Next(2) == 0 ? null : new DateTime(2023, 5, 8, 0, 0, 0, DateTimeKind.Utc).AddDays(random.Next(-3000, 3000)),
        random.Next(4) switch { 0 => null, 1 => "culture", 2 => "essays", _ => "support_requests" },
        random.Next(3) switch { 0 => "document", 1 => "human", _ => "ai" });

    [Fact]
    public void Random_unicode_never_throws()
    {
        var random = new Random(16);
        for (var i = 0; i < 400; i++)
        {
            var text = new StringBuilder();
            for (var c = random.Next(0, 300); c > 0; c--)
            {
                text.Append((char)random.Next(0, 0x3000));
            }
            Holds(Input(text.ToString(), random));
        }
    }

    [Fact]
    public void Random_mixes_of_names_pronouns_and_marks_hold()
    {
        var random = new Random(61);
        for (var i = 0; i < 1500; i++)
        {
            var text = string.Join(random.Next(3) == 0 ? "" : " ", Enumerable.Range(0, random.Next(0, 60)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            Holds(Input(text, random));
        }
    }

    [Fact]
    public void Empty_blank_and_punctuation_only_give_nothing()
    {
        var random = new Random(3);
        foreach (var text in new[] { "", " ", "\n\n\t", "...", "?!?!", "-- ;; ,, ..", "“”‘’«»", "[](){}" })
        {
            var graph = BuiltInFactExtractor.Extract(Input(text, random));
            Assert.Empty(graph.Facts);
            Assert.Empty(graph.Entities);
        }
    }

    [Fact]
    public void Huge_input_is_bounded()
    {
        var random = new Random(9);
        var sentence = "Caroline moved to Sweden in 2019 and she works at Acme Corp now. ";
        var huge = string.Concat(Enumerable.Repeat(sentence, 40_000)) + new string('x', 100_000) + string.Concat(Enumerable.Repeat("word ", 50_000));
        Holds(new ExtractionInput(huge, null, null, "essays", "document"));
        Holds(Input(huge, random));
    }

    [Fact]
    public void Cancellation_stops_it()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => BuiltInFactExtractor.Extract(new ExtractionInput("Caroline moved to Sweden.", null, null, null, "document"), cancel.Token));
    }
}
