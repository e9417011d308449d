using System.Text;
using Engram.Ingestion;

namespace Engram.Tests.Ingestion;

/// The chunker's promises, checked on random text: no chunk over chunkSize, the chunks cover the
/// text in order, consecutive chunks overlap by at most the asked share, and they end at
/// sentence ends when sentences are short enough to allow it.
public sealed class ChunkerTests
{
    private static readonly string[] Words =
        ["a", "of", "the", "memory", "retrieval", "Engram", "sentence", "chunk", "x", "overlapping", "é", "😀", "word-with-hyphens"];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 60)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Chunks_are_bounded_ordered_covering_and_overlapping(int seed)
    {
        var random = new Random(seed);
        var text = RandomText(random, random.Next(0, 6000), sentenceWords: random.Next(1, 40));
        var chunkSize = random.Next(50, 600);
        var overlapPercent = random.Next(1, 51);
        var chunks = Chunker.Split(text, chunkSize, overlapPercent);

        Assert.All(chunks, chunk => Assert.InRange(chunk.Length, 1, chunkSize));
        Assert.All(chunks, chunk => Assert.Equal(chunk.Trim(), chunk));
        var overlap = chunkSize * overlapPercent / 100;
        var spans = InOrderAndCovering(text, chunks);
        for (var i = 1; i < spans.Count; i++)
        {
            var shared = spans[i - 1].End - spans[i].Start;
            if (overlap > 0)
            {
                Assert.InRange(shared, 1, overlap);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Chunks_end_at_sentence_ends_when_sentences_are_short(int seed)
    {
        var random = new Random(seed);
        var chunkSize = random.Next(200, 800);
        var text = RandomText(random, random.Next(2000, 8000), sentenceWords: random.Next(1, chunkSize / 45));
        var chunks = Chunker.Split(text, chunkSize, random.Next(1, 51));
        Assert.All(chunks.SkipLast(1), chunk => Assert.Contains(chunk[^1], ".!?\""));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_word_longer_than_a_chunk_is_cut_at_chunkSize(int seed)
    {
        var random = new Random(seed);
        // Random letters, so each piece of the word is found in one place only.
        var word = string.Concat(Enumerable.Range(0, random.Next(1000, 5000)).Select(_ => (char)('a' + random.Next(26))));
        var text = $"Before it. {word} after it.";
        var chunks = Chunker.Split(text, 100, 10);
        Assert.All(chunks, chunk => Assert.InRange(chunk.Length, 1, 100));
        InOrderAndCovering(text, chunks);
    }

    [Fact]
    public void Ten_megabytes_on_one_line_split_at_whitespace_and_hard_limits()
    {
        var random = new Random(7);
        var line = new StringBuilder();
        while (line.Length < 10_000_000)
        {
            line.Append(random.Next(4) == 0 ? new string('z', random.Next(300, 900)) : Words[random.Next(Words.Length)]).Append(' ');
        }
        var chunks = Chunker.Split(line.ToString(), 250, 10);
        Assert.All(chunks, chunk => Assert.InRange(chunk.Length, 1, 250));
        Assert.InRange(chunks.Count, 10_000_000 / 250, 10_000_000 / 100);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Empty_text_has_no_chunks(string text) => Assert.Empty(Chunker.Split(text, 250, 10));

    [Fact]
    public void Short_text_is_one_chunk() => Assert.Equal(["Hello there."], Chunker.Split("  Hello there.\n", 250, 10));

    /// Finds each chunk in the text after the one before it, and checks that only whitespace
    /// lies outside them: nothing is lost, nothing reordered.
    private static List<(int Start, int End)> InOrderAndCovering(string text, IReadOnlyList<string> chunks)
    {
        var spans = new List<(int Start, int End)>();
        var (previousStart, covered) = (-1, 0);
        foreach (var chunk in chunks)
        {
            var start = text.IndexOf(chunk, previousStart + 1, StringComparison.Ordinal);
            Assert.True(start >= 0, $"chunk not found in order: {chunk}");
            Assert.True(start <= covered || string.IsNullOrWhiteSpace(text[covered..start]), "text skipped between chunks");
            spans.Add((start, start + chunk.Length));
            (previousStart, covered) = (start, Math.Max(covered, start + chunk.Length));
        }
        Assert.True(string.IsNullOrWhiteSpace(text[covered..]), "text after the last chunk");
        return spans;
    }

    private static string RandomText(Random random, int length, int sentenceWords)
    {
        var text = new StringBuilder();
        while (text.Length < length)
        {
            for (var n = random.Next(1, sentenceWords + 1); n > 0; n--)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(n > 1 ? " " : "");
            }
            text.Append(random.Next(10) switch { 0 => "?", 1 => "!\"", 2 => ".\n\n", _ => "." });
            text.Append(random.Next(8) == 0 ? "\n" : " ");
        }
        return text.ToString();
    }
}
