using Engram.Retrieval;

namespace Engram.Tests;

/// token_count is cl100k_base, as OpenAI's tiktoken counts it.
public sealed class TokenCounterTests
{
    // The cases of OpenAI's cookbook ("How to count tokens with tiktoken").
    [Theory]
    [InlineData("", 0)]
    [InlineData("hello world", 2)]
    [InlineData("Hello, world!", 4)]
    [InlineData("tiktoken is great!", 6)]
    [InlineData("antidisestablishmentarianism", 6)]
    [InlineData("2 + 2 = 4", 7)]
    [InlineData("お誕生日おめでとう", 9)]
    public void Counts_known_strings_exactly(string text, int tokens) => Assert.Equal(tokens, TokenCounter.Count(text));

    [Fact]
    public async Task Counts_the_same_on_every_thread()
    {
        var random = new Random(100);
        var texts = Enumerable.Range(0, 200).Select(_ => new string(Enumerable.Range(0, random.Next(0, 300)).Select(_ => (char)random.Next(32, 0x3000)).ToArray())).ToArray();
        var expected = texts.Select(TokenCounter.Count).ToArray();
        var concurrent = await Task.WhenAll(texts.Select(text => Task.Run(() => TokenCounter.Count(text))));
        Assert.Equal(expected, concurrent);
    }

    [Fact]
    public void Adds_up_over_pieces_split_at_spaces()
    {
        // cl100k attaches a leading space to the word after it, so splitting before spaces is lossless.
        var random = new Random(3);
        string[] words = ["memory", "retrieval", "token", "count", "Caroline", "2023", "ok"];
        for (var round = 0; round < 50; round++)
        {
            var pieces = Enumerable.Range(0, random.Next(1, 20)).Select(i => (i == 0 ? "" : " ") + words[random.Next(words.Length)]).ToArray();
            Assert.Equal(TokenCounter.Count(string.Concat(pieces)), pieces.Sum(TokenCounter.Count));
        }
    }
}
