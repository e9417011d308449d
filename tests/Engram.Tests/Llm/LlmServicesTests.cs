using Engram.Graph;
using Engram.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace Engram.Tests.Llm;

/// What `Engram:Llm` registers, and how the model's assisted answer is read.
public sealed class LlmServicesTests
{
    private static ServiceProvider Services(ModelEndpointOptions options) => new ServiceCollection()
        .AddLogging()
        .AddSingleton<IFactExtractor, RecordingExtractor>()
        .AddLanguageModel(options)
        .BuildServiceProvider();

    [Fact]
    public void With_an_endpoint_the_registered_extractor_becomes_the_fall_back()
    {
        using var services = Services(new() { Endpoint = "http://127.0.0.1:9/v1", Model = "m" });
        var extractor = Assert.IsType<LlmFactExtractor>(services.GetRequiredService<IFactExtractor>());
        Assert.IsType<RecordingExtractor>(extractor.Fallback);
        Assert.NotNull(services.GetService<AssistedAnswerWriter>());
    }

    [Fact]
    public void Without_an_endpoint_nothing_changes()
    {
        using var services = Services(new());
        Assert.IsType<RecordingExtractor>(services.GetRequiredService<IFactExtractor>());
        Assert.Null(services.GetService<AssistedAnswerWriter>());
        Assert.Null(services.GetService<LanguageModel>());
    }

    [Fact]
    public void An_endpoint_without_a_model_stops_the_start_with_one_line()
    {
        var error = Assert.Throws<ArgumentException>(() => Services(new() { Endpoint = "http://127.0.0.1:9/v1" }));
        Assert.Equal("Engram:Llm:Model is required when Engram:Llm:Endpoint is set", error.Message);
    }

    [Theory]
    [InlineData("""{"found": true, "answer": "Dogs travel free on a leash. Cats need a basket."}""", "Dogs travel free on a leash.", true)]
    [InlineData("""{"found": false, "answer": ""}""", AssistedAnswerWriter.DontKnow, false)]
    [InlineData("""{"found": false, "answer": "Probably on Tuesday."}""", AssistedAnswerWriter.DontKnow, false)]
    public void The_answer_is_one_sentence_or_the_fixed_dont_know(string reply, string sentence, bool fromMemory) =>
        Assert.Equal(new WrittenAnswer(sentence, fromMemory), AssistedAnswerWriter.Read(reply));

    [Theory]
    [InlineData("Dogs travel free.")]
    [InlineData("""{"answer": "Dogs travel free."}""")]
    [InlineData("""{"found": "yes", "answer": "Dogs travel free."}""")]
    [InlineData("""{"found": true, "answer": ""}""")]
    [InlineData("""{"found": true}""")]
    public void An_unusable_answer_is_refused(string reply) =>
        Assert.Throws<LanguageModelException>(() => AssistedAnswerWriter.Read(reply));

    [Fact]
    public void An_overlong_sentence_is_refused() =>
        Assert.Throws<LanguageModelException>(() => AssistedAnswerWriter.Read(
            JsonSerializer.Serialize(new { found = true, answer = new string('a', AssistedAnswerWriter.MaxSentenceChars + 1) })));
}
