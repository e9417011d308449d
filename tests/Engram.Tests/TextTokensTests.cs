using Engram.Retrieval;

namespace Engram.Tests;

public sealed class TextTokensTests
{
    [Fact]
    public void Splits_lowercases_and_drops_stop_words()
    {
        Assert.Equal(["quick", "brown", "fox", "2024", "café"], TextTokens.Of("The QUICK brown-fox, in 2024: Café!"));
        Assert.Empty(TextTokens.Of("  ...  "));
    }

    [Fact]
    public void Keeps_apostrophes_inside_words_and_drops_possessives()
    {
        Assert.Equal(["dont", "know", "john", "car"], TextTokens.Of("Don't know John's car"));
        Assert.Equal(["im", "sure"], TextTokens.Of("I\u2019m sure"));
        Assert.Equal(["dog"], TextTokens.Of("'dogs'"));
    }

    [Fact]
    public void Query_and_text_forms_meet()
    {
        Assert.Equal(TextTokens.Of("she moved to Berlin"), TextTokens.Of("she is moving to Berlin"));
        Assert.Equal(TextTokens.Of("hoped"), TextTokens.Of("hoping"));
    }

    // The examples of step 1 in Porter's paper.
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "ti")]
    [InlineData("caress", "caress")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agree")]
    [InlineData("plastered", "plaster")]
    [InlineData("bled", "bled")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflate")]
    [InlineData("troubled", "trouble")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("tanned", "tan")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("fizzed", "fizz")]
    [InlineData("failing", "fail")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    public void Stems_as_Porter_step_1(string word, string stem) => Assert.Equal(stem, PorterStep1.Stem(word));
}
