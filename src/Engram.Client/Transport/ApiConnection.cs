using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Engram.Client;

/// Sends one call: builds the request, retries it when that is safe, and turns the answer into a
/// value or an <see cref="EngramException"/>. Every resource client goes through here.
internal sealed class ApiConnection
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly Uri _baseAddress;
    private readonly string _apiKey;
    private readonly RetryPolicy _retry;

    public ApiConnection(HttpClient http, EngramClientOptions options)
    {
        _http = http;
        // Paths are relative ("sessions/list"), so a base with a path keeps it only with a trailing slash.
        var baseText = options.BaseAddress.ToString();
        _baseAddress = baseText.EndsWith('/') ? options.BaseAddress : new Uri(baseText + "/");
        _apiKey = options.ApiKey;
        _retry = new RetryPolicy(options);
    }

    /// A call with a `{status, data}` answer.
    public async Task<T> SendAsync<T>(HttpMethod method, string path, byte[]? body, JsonTypeInfo<DataEnvelope<T>> answer,
        bool idempotent, CancellationToken cancellationToken)
    {
        var (status, raw) = await SendRawAsync(method, new Uri(_baseAddress, path), JsonBody(body), sendKey: true, idempotent,
            cancellationToken).ConfigureAwait(false);
        return Read(raw, answer) is { Data: { } data }
            ? data
            : throw new EngramException(status, null, "The answer was not the expected {status, data} envelope", Text(raw));
    }

    /// A call whose answer is read whole: `GET /memory` has no envelope, and start-ingestion puts
    /// a message beside its data.
    public async Task<T> SendBareAsync<T>(HttpMethod method, string path, byte[]? body, JsonTypeInfo<T> answer,
        bool idempotent, CancellationToken cancellationToken)
        where T : class
    {
        var (status, raw) = await SendRawAsync(method, new Uri(_baseAddress, path), JsonBody(body), sendKey: true, idempotent,
            cancellationToken).ConfigureAwait(false);
        return Read(raw, answer) ?? throw new EngramException(status, null, $"The answer was not the expected {typeof(T).Name}", Text(raw));
    }

    /// A call whose successful answer carries nothing the caller needs (the deletes).
    public async Task SendAsync(HttpMethod method, string path, bool idempotent, CancellationToken cancellationToken) =>
        await SendRawAsync(method, new Uri(_baseAddress, path), JsonBody(null), sendKey: true, idempotent, cancellationToken)
            .ConfigureAwait(false);

    /// The upload PUT: raw bytes to a signed URL, without the API key (the signature is the
    /// credential, and the URL may point at storage that must never see the key). Repeating it
    /// only replaces the bytes, so it is retried like a GET, but only when the stream can be
    /// rewound to send the same bytes again.
    public async Task PutUploadAsync(Uri uploadUrl, Stream content, CancellationToken cancellationToken)
    {
        var start = content.CanSeek ? content.Position : 0;
        await SendRawAsync(HttpMethod.Put, new Uri(_baseAddress, uploadUrl), () =>
        {
            if (content.CanSeek)
            {
                content.Position = start;
            }
            return new UploadContent(content);
        }, sendKey: false, idempotent: true, cancellationToken, repeatable: content.CanSeek).ConfigureAwait(false);
    }

    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    private static T? Read<T>(byte[] raw, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(raw, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static Func<HttpContent?> JsonBody(byte[]? body) => () =>
    {
        if (body is null)
        {
            return null;
        }
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return content;
    };

    /// `repeatable` is false when the body cannot be sent a second time (a stream that cannot
    /// seek): then nothing is retried, whatever the failure.
    private async Task<(HttpStatusCode Status, byte[] Body)> SendRawAsync(HttpMethod method, Uri uri, Func<HttpContent?> content,
        bool sendKey, bool idempotent, CancellationToken cancellationToken, bool repeatable = true)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (sendKey && _apiKey.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("X-API-Key", _apiKey);
            }
            request.Content = content();

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (repeatable && _retry.ShouldRetry(e, attempt, idempotent, cancellationToken))
            {
                await _retry.WaitAsync(attempt, retryAfter: null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var raw = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return (response.StatusCode, raw);
                }
                var retryAfter = RetryPolicy.RetryAfter(response);
                if (repeatable && _retry.ShouldRetry(response.StatusCode, retryAfter, attempt, idempotent))
                {
                    await _retry.WaitAsync(attempt, retryAfter, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                throw ToException(response, raw, retryAfter);
            }
        }
    }

    private static EngramException ToException(HttpResponseMessage response, byte[] raw, TimeSpan? retryAfter)
    {
        ErrorBody? error = null;
        try
        {
            error = raw.Length == 0 ? null : JsonSerializer.Deserialize(raw, ClientJson.Default.ErrorBody);
        }
        catch (JsonException)
        {
            // Not the contract's envelope (a proxy's page, say): fall back to the HTTP reason below.
        }
        var text = error?.Error ?? response.ReasonPhrase ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
        return new EngramException(response.StatusCode, error?.Status, text, Text(raw), retryAfter, requestId);
    }

    private static string? Text(byte[] raw) => raw.Length == 0 ? null : Encoding.UTF8.GetString(raw);
}
