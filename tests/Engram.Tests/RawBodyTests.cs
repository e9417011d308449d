using System.Security.Cryptography;
using Engram.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Engram.Tests;

/// An endpoint marked AcceptsRawBody (the upload PUT's convention) gets its bytes untouched and
/// streamed, up to its own limit, above JSON's 1 MiB; past it, the contract's 413, with or
/// without a Content-Length. The endpoint is mapped here, on a real server over the real pipeline.
public sealed class RawBodyTests(SqliteServer sqlite)
{
    private const int Limit = 3 << 20;

    [Fact]
    public async Task Raw_bodies_up_to_the_endpoints_limit_reach_the_handler_byte_for_byte()
    {
        var api = await sqlite.NewAccountAsync();
        var (app, address) = await StartAsync();
        await using (app)
        {
            using var http = new HttpClient();
            var random = new Random(42);
            int[] sizes = [0, 1, (1 << 20) + 1, Limit - 1, Limit, .. Enumerable.Range(0, 4).Select(_ => random.Next(1, Limit))];
            foreach (var size in sizes)
            {
                var bytes = new byte[size];
                random.NextBytes(bytes); // not JSON: the JSON parser must not look at it
                foreach (var chunked in new[] { false, true })
                {
                    var response = await PutAsync(new Api(http, address, api.Key, api.Account), bytes, chunked);
                    Assert.True(response.Status == HttpStatusCode.OK, $"{size} bytes, chunked {chunked}: {response.Status} {response.Raw}");
                    Assert.Equal($"{size} {Convert.ToHexString(SHA256.HashData(bytes))}", response.Raw);
                }
            }
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task A_raw_body_past_the_limit_is_413_with_or_without_a_content_length()
    {
        var api = await sqlite.NewAccountAsync();
        var (app, address) = await StartAsync();
        await using (app)
        {
            using var http = new HttpClient();
            var random = new Random(7);
            foreach (var size in new[] { Limit + 1, Limit + random.Next(2, 4096), Limit + random.Next(2, 4096) })
            {
                foreach (var chunked in new[] { false, true })
                {
                    var response = await PutAsync(new Api(http, address, api.Key, api.Account), new byte[size], chunked);
                    response.AssertError(HttpStatusCode.RequestEntityTooLarge, "Request body too large", "payload_too_large");
                }
            }
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task A_raw_endpoint_still_needs_the_key_and_is_documented_as_a_binary_body()
    {
        var (app, address) = await StartAsync();
        await using (app)
        {
            using var http = new HttpClient();
            (await PutAsync(new Api(http, address, null, ""), [1, 2, 3], chunked: false))
                .AssertError(HttpStatusCode.Unauthorized, "API key is required", "unauthorized");
            var document = await new Api(http, address, null, "").GetAsync("/openapi.json");
            var put = document.Json.GetProperty("paths").EnumerateObject().Single(p => p.Name.StartsWith("/test/raw/")).Value.GetProperty("put");
            Assert.Equal("binary", put.GetProperty("requestBody").GetProperty("content").GetProperty("application/octet-stream")
                .GetProperty("schema").GetProperty("format").GetString());
            Assert.True(put.GetProperty("responses").TryGetProperty("413", out _));
            await app.StopAsync();
        }
    }

    private Task<(WebApplication App, Uri Address)> StartAsync() =>
        EngramServer.StartAsync(sqlite.DatabaseOrSkip, configure: app =>
            app.MapPut("/test/raw/{**key}", CountAndHashAsync).AcceptsRawBody(Limit));

    /// Reads the body in pieces, as the upload handler streams to storage, and answers its size and hash.
    private static async Task<IResult> CountAndHashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }
        return Results.Text($"{total} {Convert.ToHexString(hash.GetHashAndReset())}");
    }

    private static Task<ApiResponse> PutAsync(Api api, byte[] bytes, bool chunked) =>
        api.SendAsync(HttpMethod.Put, "/test/raw/acct/file.bin", configure: request =>
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new("application/octet-stream");
            request.Headers.TransferEncodingChunked = chunked;
            // The client waits for the server's go-ahead, so a refused body is not written into a closed connection.
            request.Headers.ExpectContinue = true;
        });
}
