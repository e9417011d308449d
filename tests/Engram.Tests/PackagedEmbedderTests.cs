using Engram.Embeddings;

namespace Engram.Tests;

/// The packaged model, loaded once for the class (it takes seconds), driven with random texts.
public sealed class PackagedModelFixture : IDisposable
{
    private readonly OnnxEmbedder embedder = new(PackagedModel.ArcticXs);

    public IEmbedder Embedder => embedder;

    public void Dispose() => embedder.Dispose();
}

public sealed class PackagedEmbedderTests(PackagedModelFixture fixture) : IClassFixture<PackagedModelFixture>
{
    private static readonly string[] Words =
        ["memory", "the", "caroline", "painted", "a", "sunrise", "over", "lake", "yesterday", "support", "group",
         "adoption", "é", "naïve", "東京", "42", "!", "running", "marathon", "of", "and", "kids", "camping"];

    private readonly IEmbedder embedder = fixture.Embedder;

    private static string RandomText(Random random, int maxWords) =>
        string.Join(' ', Enumerable.Range(0, random.Next(1, maxWords + 1)).Select(_ => Words[random.Next(Words.Length)]));

    [Fact]
    public async Task Gives_unit_length_vectors_of_384_dimensions()
    {
        var random = new Random(14);
        var texts = Enumerable.Range(0, 20).Select(_ => RandomText(random, 60)).Append("").ToArray();
        var vectors = await embedder.EmbedDocumentsAsync(texts, CancellationToken.None);
        var query = await embedder.EmbedQueryAsync(RandomText(random, 10), CancellationToken.None);
        Assert.Equal(384, embedder.Dimensions);
        Assert.Equal("snowflake-arctic-embed-xs", embedder.Model);
        foreach (var vector in vectors.Append(query))
        {
            Assert.Equal(384, vector.Length);
            Assert.Equal(1.0, Math.Sqrt(vector.Sum(x => (double)x * x)), 4);
        }
    }

    [Theory]
    [InlineData("What pets does Melanie have?", "Melanie: our two dogs and the cat love the new garden.", "The central bank raised interest rates by half a point.")]
    [InlineData("When did Caroline go to the LGBTQ support group?", "Caroline: I went to a LGBTQ support group yesterday and it was so powerful.", "Preheat the oven to 200 degrees and grease the tin.")]
    [InlineData("Which city hosted the marathon?", "The marathon was run through the streets of Boston in April.", "My favourite colour has always been green.")]
    public async Task Scores_a_relevant_passage_above_an_unrelated_one(string query, string relevant, string unrelated)
    {
        var documents = await embedder.EmbedDocumentsAsync([unrelated, relevant], CancellationToken.None);
        var question = await embedder.EmbedQueryAsync(query, CancellationToken.None);
        Assert.True(Dot(question, documents[1]) > Dot(question, documents[0]));
    }

    [Fact]
    public async Task Returns_a_batch_in_input_order_whatever_the_lengths()
    {
        var random = new Random(52193);
        for (var round = 0; round < 3; round++)
        {
            // Lengths from one word to past the model's 512 tokens, so batches split and sort.
            var texts = Enumerable.Range(0, 40).Select(_ => RandomText(random, random.Next(2) == 0 ? 8 : 700)).ToArray();
            var together = await embedder.EmbedDocumentsAsync(texts, CancellationToken.None);
            foreach (var i in Enumerable.Range(0, texts.Length).OrderBy(_ => random.Next()).Take(6))
            {
                var alone = (await embedder.EmbedDocumentsAsync([texts[i]], CancellationToken.None))[0];
                Assert.Equal(1.0, Dot(together[i], alone), 3);
            }
        }
    }

    [Fact]
    public async Task Gives_concurrent_callers_their_own_results()
    {
        var random = new Random(7);
        var texts = Enumerable.Range(0, 12).Select(_ => RandomText(random, 30)).ToArray();
        var expected = await embedder.EmbedDocumentsAsync(texts, CancellationToken.None);
        var concurrent = await Task.WhenAll(texts.Select(text => Task.Run(() => embedder.EmbedDocumentsAsync([text, "filler"], CancellationToken.None))));
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(1.0, Dot(expected[i], concurrent[i][0]), 3);
        }
    }

    [Fact]
    public async Task Queries_run_beside_document_batches_get_the_vectors_they_get_alone()
    {
        var random = new Random(15);
        var queries = Enumerable.Range(0, 8).Select(_ => RandomText(random, 10)).ToArray();
        var alone = await Task.WhenAll(queries.Select(query => embedder.EmbedQueryAsync(query, CancellationToken.None)));
        var documents = Enumerable.Range(0, 24).Select(_ => RandomText(random, 700)).ToArray();
        var expected = await embedder.EmbedDocumentsAsync(documents, CancellationToken.None);

        // A query does not wait for the batch that is running: both run on the one session at once.
        var ingestion = embedder.EmbedDocumentsAsync(documents, CancellationToken.None);
        var beside = await Task.WhenAll(queries.Select(query => Task.Run(() => embedder.EmbedQueryAsync(query, CancellationToken.None))));
        var ingested = await ingestion;
        for (var i = 0; i < queries.Length; i++)
        {
            Assert.Equal(1.0, Dot(alone[i], beside[i]), 4);
        }
        for (var i = 0; i < documents.Length; i++)
        {
            Assert.Equal(1.0, Dot(expected[i], ingested[i]), 4);
        }
    }

    [Fact]
    public async Task Prefixes_queries_as_the_model_asks()
    {
        var query = await embedder.EmbedQueryAsync("where is the lake", CancellationToken.None);
        var prefixed = await embedder.EmbedDocumentsAsync([PackagedModel.ArcticXs.QueryPrefix + "where is the lake", "where is the lake"], CancellationToken.None);
        Assert.Equal(1.0, Dot(query, prefixed[0]), 4);
        Assert.True(Dot(query, prefixed[1]) < 0.999);
    }

    [Fact]
    public async Task Honours_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => embedder.EmbedDocumentsAsync(["some text"], cancelled.Token));
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b).Sum(pair => (double)pair.First * pair.Second);
}
