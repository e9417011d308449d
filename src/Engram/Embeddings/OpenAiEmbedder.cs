using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Engram.Embeddings;

/// An OpenAI-compatible embeddings endpoint (`Engram:Embeddings:Endpoint`), used instead of the
/// packaged model when set. Each failure becomes one <see cref="EmbeddingException"/> sentence.
internal sealed class OpenAiEmbedder(HttpClient http, Uri endpoint, string model, string? apiKey, TimeSpan timeout) : IEmbedder, IDisposable
{
    // Well under the 2048 inputs OpenAI accepts, so one request stays a few megabytes.
    public const int MaxInputsPerRequest = 128;
    // A large batch on a busy CPU server can take tens of seconds; past a minute it is stuck.
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly Uri embeddingsUri = new(endpoint.ToString().TrimEnd('/') + "/embeddings");
    private int dimensions;

    public string Model => model;
    public int Dimensions => Volatile.Read(ref dimensions);

    public async Task<float[][]> EmbedDocumentsAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += MaxInputsPerRequest)
        {
            var inputs = texts.Skip(start).Take(MaxInputsPerRequest).ToArray();
            var embedded = await RequestAsync(inputs, cancellationToken);
            embedded.CopyTo(vectors, start);
        }
        return vectors;
    }

    public async Task<float[]> EmbedQueryAsync(string query, CancellationToken cancellationToken) =>
        (await RequestAsync([query], cancellationToken))[0];

    private async Task<float[][]> RequestAsync(string[] inputs, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, embeddingsUri)
        {
            Content = JsonContent.Create(new EmbeddingsRequest(model, inputs), OpenAiJson.Default.EmbeddingsRequest),
        };
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new EmbeddingException($"The embeddings endpoint answered {(int)response.StatusCode}{ErrorText(body)}.");
            }
            return Vectors(body, inputs.Length);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmbeddingException($"The embeddings endpoint did not answer within {timeout.TotalSeconds:0.###} seconds.");
        }
        catch (HttpRequestException exception)
        {
            throw new EmbeddingException($"The embeddings endpoint could not be reached ({exception.Message.TrimEnd('.')}).", exception);
        }
    }

    private float[][] Vectors(string body, int expected)
    {
        EmbeddingsResponse? answer;
        try
        {
            answer = JsonSerializer.Deserialize(body, OpenAiJson.Default.EmbeddingsResponse);
        }
        catch (JsonException exception)
        {
            throw new EmbeddingException("The embeddings endpoint answered with something other than JSON embeddings.", exception);
        }
        var data = answer?.Data;
        if (data is null || data.Count != expected || data.Any(item => item.Embedding is not { Length: > 0 } || item.Index < 0 || item.Index >= expected))
        {
            throw new EmbeddingException($"The embeddings endpoint answered without one embedding for each of the {expected} inputs.");
        }
        var vectors = new float[expected][];
        foreach (var item in data)
        {
            vectors[item.Index] = item.Embedding!;
        }
        if (vectors.Any(vector => vector is null))
        {
            throw new EmbeddingException($"The embeddings endpoint answered without one embedding for each of the {expected} inputs.");
        }
        foreach (var vector in vectors)
        {
            // The first answer fixes the dimension; a later change means another model is answering.
            var known = Interlocked.CompareExchange(ref dimensions, vector.Length, 0);
            if (known != 0 && known != vector.Length)
            {
                throw new EmbeddingException($"The embeddings endpoint answered {vector.Length} dimensions where it had answered {known}.");
            }
            UnitVector.Normalize(vector);
        }
        return vectors;
    }

    /// The endpoint's own explanation, when it gives one in OpenAI's error shape.
    private static string ErrorText(string body)
    {
        try
        {
            var message = JsonSerializer.Deserialize(body, OpenAiJson.Default.ErrorResponse)?.Error?.Message?.Trim();
            return string.IsNullOrEmpty(message) ? "" : ": " + (message.Length > 200 ? message[..200] + "…" : message.TrimEnd('.'));
        }
        catch (JsonException)
        {
            return "";
        }
    }

    public void Dispose() => http.Dispose();
}
