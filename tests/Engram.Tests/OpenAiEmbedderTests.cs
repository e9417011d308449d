using System.Collections.Concurrent;
using Engram.Embeddings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engram.Tests;

/// An OpenAI-compatible embeddings endpoint on 127.0.0.1, answering from a fixture: each input's
/// vector is (its length, its position, 2), unnormalised, listed in reverse order with `index`.
/// Other paths fail the ways real endpoints do.
public sealed class FakeEmbeddingsServer : IAsyncLifetime
{
    private WebApplication? app;

    public Uri Address { get; private set; } = null!;
    public ConcurrentQueue<(string? Authorization, string Model, int Inputs)> Requests { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/v1/embeddings", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var inputs = body.RootElement.GetProperty("input").EnumerateArray().Select(input => input.GetString()!).ToArray();
            Requests.Enqueue((context.Request.Headers.Authorization.ToString(), body.RootElement.GetProperty("model").GetString()!, inputs.Length));
            var data = inputs.Select((input, index) => new { @object = "embedding", embedding = new float[] { input.Length, index, 2 }, index }).Reverse();
            return Results.Json(new { @object = "list", data, model = "fake" });
        });
        app.MapPost("/unauthorized/embeddings", () => Results.Json(
            new { error = new { message = "Incorrect API key provided.", type = "invalid_request_error" } }, statusCode: 401));
        app.MapPost("/broken/embeddings", () => Results.Text("<html>Bad gateway</html>", "text/html", statusCode: 502));
        app.MapPost("/garbage/embeddings", () => Results.Text("this is not json"));
        app.MapPost("/short/embeddings", () => Results.Json(new { data = new[] { new { embedding = new float[] { 1, 0 }, index = 0 } } }));
        app.MapPost("/slow/embeddings", async (CancellationToken aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return Results.Ok();
        });
        await app.StartAsync();
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

public sealed class OpenAiEmbedderTests(FakeEmbeddingsServer server) : IClassFixture<FakeEmbeddingsServer>
{
    private OpenAiEmbedder Embedder(string path, string? apiKey = "sk-test", double timeoutSeconds = 30) =>
        new(new HttpClient(), new Uri(server.Address, path), "text-embedding-3-small", apiKey, TimeSpan.FromSeconds(timeoutSeconds));

    [Fact]
    public async Task Posts_the_model_and_key_and_returns_unit_vectors_in_input_order()
    {
        using var embedder = Embedder("/v1/");
        Assert.Equal(0, embedder.Dimensions);
        var random = new Random(13);
        var texts = Enumerable.Range(0, 300).Select(_ => new string('x', random.Next(1, 40))).ToArray();
        var vectors = await embedder.EmbedDocumentsAsync(texts, CancellationToken.None);
        Assert.Equal(3, embedder.Dimensions);
        Assert.Equal("text-embedding-3-small", embedder.Model);
        for (var i = 0; i < texts.Length; i++)
        {
            // (length, position in its request, 2), scaled to unit length.
            var expected = new double[] { texts[i].Length, i % OpenAiEmbedder.MaxInputsPerRequest, 2 };
            var norm = Math.Sqrt(expected.Sum(x => x * x));
            Assert.Equal(expected.Select(x => x / norm), vectors[i].Select(x => (double)x), (a, b) => Math.Abs(a - b) < 1e-5);
        }
        Assert.Contains(server.Requests, request => request.Authorization == "Bearer sk-test" && request.Model == "text-embedding-3-small" && request.Inputs == OpenAiEmbedder.MaxInputsPerRequest);
    }

    [Fact]
    public async Task Embeds_a_query_without_a_key_when_none_is_set()
    {
        using var embedder = Embedder("/v1", apiKey: null);
        var vector = await embedder.EmbedQueryAsync("four", CancellationToken.None);
        Assert.Equal(new[] { 4 / Math.Sqrt(20), 0, 2 / Math.Sqrt(20) }, vector.Select(x => (double)x), (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Contains(server.Requests, request => request.Authorization == "" && request.Inputs == 1);
    }

    [Theory]
    [InlineData("/unauthorized/", "The embeddings endpoint answered 401: Incorrect API key provided.")]
    [InlineData("/broken/", "The embeddings endpoint answered 502.")]
    [InlineData("/garbage/", "The embeddings endpoint answered with something other than JSON embeddings.")]
    [InlineData("/short/", "The embeddings endpoint answered without one embedding for each of the 2 inputs.")]
    public async Task Fails_with_one_sentence_that_says_why(string path, string message)
    {
        using var embedder = Embedder(path);
        var failure = await Assert.ThrowsAsync<EmbeddingException>(() => embedder.EmbedDocumentsAsync(["one", "two"], CancellationToken.None));
        Assert.Equal(message, failure.Message);
    }

    [Fact]
    public async Task Gives_up_on_a_silent_endpoint_after_its_timeout()
    {
        using var embedder = Embedder("/slow/", timeoutSeconds: 0.2);
        var failure = await Assert.ThrowsAsync<EmbeddingException>(() => embedder.EmbedQueryAsync("anyone there?", CancellationToken.None));
        Assert.Equal("The embeddings endpoint did not answer within 0.2 seconds.", failure.Message);
    }

    [Fact]
    public async Task Says_when_the_endpoint_cannot_be_reached()
    {
        // A port that was just free: nothing listens there.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var embedder = new OpenAiEmbedder(new HttpClient(), new Uri($"http://127.0.0.1:{port}/v1"), "m", null, TimeSpan.FromSeconds(30));
        var failure = await Assert.ThrowsAsync<EmbeddingException>(() => embedder.EmbedQueryAsync("hello", CancellationToken.None));
        Assert.StartsWith("The embeddings endpoint could not be reached (", failure.Message);
        Assert.EndsWith(").", failure.Message);
    }

    [Fact]
    public async Task Lets_the_callers_cancellation_through_as_cancellation()
    {
        using var embedder = Embedder("/slow/");
        using var cancel = new CancellationTokenSource();
        var call = embedder.EmbedQueryAsync("wait", cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}

/// AddEmbeddings picks the embedder from the settings, and a bad setting stops the start.
public sealed class EmbeddingServicesTests
{
    [Fact]
    public async Task Registers_the_packaged_model_and_its_background_loader_by_default()
    {
        // The loader waits for the database to hold a memory, so it needs the store.
        var database = Path.Combine(Path.GetTempPath(), "engram-embeddings-" + Guid.NewGuid().ToString("N"), "engram.db");
        var services = new ServiceCollection().AddLogging().AddSingleton(_ => Storage.StoreFactory.Open(database)).AddEmbeddings(null, null, null);
        await using var provider = services.BuildServiceProvider();
        var embedder = provider.GetRequiredService<IEmbedder>();
        Assert.IsType<OnnxEmbedder>(embedder);
        Assert.Same(embedder, provider.GetRequiredService<IEmbedder>());
        Assert.Contains(provider.GetServices<IHostedService>(), service => service is EmbeddingModelLoader);
    }

    [Fact]
    public void Registers_the_endpoint_when_one_is_set()
    {
        var services = new ServiceCollection().AddEmbeddings("http://127.0.0.1:11434/v1", "nomic-embed-text", "");
        using var provider = services.BuildServiceProvider();
        var embedder = provider.GetRequiredService<IEmbedder>();
        Assert.IsType<OpenAiEmbedder>(embedder);
        Assert.Equal("nomic-embed-text", embedder.Model);
        Assert.Empty(provider.GetServices<IHostedService>());
    }

    [Theory]
    [InlineData("not a url", "m", "Engram:Embeddings:Endpoint: 'not a url' is not an http:// or https:// address")]
    [InlineData("ftp://example.com/v1", "m", "Engram:Embeddings:Endpoint: 'ftp://example.com/v1' is not an http:// or https:// address")]
    [InlineData("http://127.0.0.1:8000/v1", null, "Engram:Embeddings:Model is required when Engram:Embeddings:Endpoint is set")]
    public void Refuses_a_bad_endpoint_setting_in_one_line(string endpoint, string? model, string message)
    {
        var failure = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddEmbeddings(endpoint, model, null));
        Assert.Equal(message, failure.Message);
    }
}
