using Engram.Embeddings;

namespace Engram.Tests;

/// Over-long inputs are cut before the model sees them, at a word boundary, to the model's limit.
public sealed class InputTruncatorTests
{
    private static readonly string[] Words = ["alpha", "memory", "tokenisation", "x", "東京", "naïve", ",", "unbelievably", "42", "ok."];

    [Fact]
    public void Cuts_random_texts_to_the_limit_at_a_word_boundary()
    {
        var tokenizer = PackagedModel.ArcticXs.CreateTokenizer();
        var random = new Random(512);
        foreach (var limit in new[] { 16, 64, 256, 512 })
        {
            var truncator = new InputTruncator(tokenizer, limit);
            for (var round = 0; round < 25; round++)
            {
                var text = RandomText(random, random.Next(1, 900));
                var fitted = truncator.Fit(text);
                Assert.StartsWith(fitted, text, StringComparison.Ordinal);
                if (fitted.Length == text.Length)
                {
                    Assert.True(truncator.Count(text) <= limit);
                    continue;
                }
                Assert.True(truncator.Count(fitted) <= limit, $"{truncator.Count(fitted)} tokens over a limit of {limit}");
                Assert.Equal(' ', text[fitted.Length]);
                // Nothing longer would have fitted: the next word takes it over the limit.
                var nextSpace = text.IndexOf(' ', fitted.Length + 1);
                Assert.True(truncator.Count(nextSpace < 0 ? text : text[..nextSpace]) > limit);
            }
        }
    }

    /// No word twice in a row: the package's tokenizer drops a repeated word, which would make a
    /// longer prefix count no more tokens and the "nothing longer fits" check meaningless.
    private static string RandomText(Random random, int words)
    {
        var picked = new List<string>();
        while (picked.Count < words)
        {
            var word = Words[random.Next(Words.Length)];
            if (picked.Count == 0 || picked[^1] != word)
            {
                picked.Add(word);
            }
        }
        return string.Join(' ', picked);
    }

    [Fact]
    public void Cuts_a_text_without_spaces_anywhere()
    {
        var truncator = new InputTruncator(PackagedModel.ArcticXs.CreateTokenizer(), 32);
        var fitted = truncator.Fit(string.Concat(Enumerable.Repeat("東京", 200)));
        Assert.NotEmpty(fitted);
        Assert.True(truncator.Count(fitted) <= 32);
    }
}
