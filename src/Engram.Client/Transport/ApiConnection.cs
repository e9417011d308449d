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
        var (status, raw) = await SendRawAsync(method, path, body, idempotent, cancellationToken).ConfigureAwait(false);
        DataEnvelope<T>? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(raw, answer);
        }
        catch (JsonException)
        {
            envelope = null;
        }
        return envelope is { Data: { } data }
            ? data
            : throw new EngramException(status, null, "The answer was not the expected {status, data} envelope", Text(raw));
    }

    /// A call whose successful answer carries nothing the caller needs (the deletes).
    public async Task SendAsync(HttpMethod method, string path, bool idempotent, CancellationToken cancellationToken) =>
        await SendRawAsync(method, path, body: null, idempotent, cancellationToken).ConfigureAwait(false);

    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    private async Task<(HttpStatusCode Status, byte[] Body)> SendRawAsync(HttpMethod method, string path, byte[]? body,
        bool idempotent, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, new Uri(_baseAddress, path));
            if (_apiKey.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("X-API-Key", _apiKey);
            }
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = Json;
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (_retry.ShouldRetry(e, attempt, idempotent, cancellationToken))
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
                if (_retry.ShouldRetry(response.StatusCode, retryAfter, attempt, idempotent))
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
        return new EngramException(response.StatusCode, error?.Status, text, Text(raw), retryAfter);
    }

    private static string? Text(byte[] raw) => raw.Length == 0 ? null : Encoding.UTF8.GetString(raw);
}
