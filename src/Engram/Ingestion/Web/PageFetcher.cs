using System.Net;

namespace Engram.Ingestion;

/// One GET of a user-given URL within the contract's bounds: http(s) only, redirects followed
/// here (at most 5, each hop checked again), 15 s for the whole fetch, 10 MiB of body.
internal sealed class PageFetcher(bool allowPrivateNetworks) : IDisposable
{
    public sealed record Response(Uri Url, byte[] Body, string? MediaType, string? Charset);

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false, // a proxy would connect for us, out of the guard's reach
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectCallback = NetworkGuard.ConnectCallback(allowPrivateNetworks),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // the per-fetch token below bounds it
        DefaultRequestHeaders = { { "User-Agent", ExtractionLimits.UserAgent }, { "Accept", "text/html, application/xhtml+xml, application/xml, text/xml, text/plain;q=0.8, */*;q=0.5" } },
    };

    public async Task<Response> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ExtractionLimits.PageTimeout);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                if (url.Scheme is not ("http" or "https"))
                {
                    throw new ExtractionException("only http and https addresses can be read");
                }
                if (!allowPrivateNetworks && IPAddress.TryParse(url.IdnHost, out var literal) && NetworkGuard.IsPrivate(literal))
                {
                    throw NetworkGuard.Refused(url.Host);
                }
                using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (redirects == ExtractionLimits.MaxRedirects)
                    {
                        throw new ExtractionException($"the page redirected more than {ExtractionLimits.MaxRedirects} times");
                    }
                    url = new Uri(url, location);
                    continue;
                }
                if (status is < 200 or >= 300)
                {
                    throw new ExtractionException($"the page answered {status}");
                }
                var body = await ReadBodyAsync(response.Content, timeout.Token);
                var type = response.Content.Headers.ContentType;
                return new Response(url, body, type?.MediaType, type?.CharSet);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExtractionException($"the page did not answer within {ExtractionLimits.PageTimeout.TotalSeconds:0} seconds");
        }
        catch (HttpRequestException exception)
        {
            // The guard's refusal comes back wrapped; anything else is the site's failure.
            throw exception.InnerException as ExtractionException
                ?? new ExtractionException($"the page could not be fetched ({exception.HttpRequestError})");
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > ExtractionLimits.MaxPageBytes)
        {
            throw TooLarge();
        }
        await using var body = new CappedStream(await content.ReadAsStreamAsync(cancellationToken), ExtractionLimits.MaxPageBytes, TooLarge);
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    private static ExtractionException TooLarge() => new($"the page is larger than {ExtractionLimits.MaxPageMebibytes} MiB");

    public void Dispose() => _client.Dispose();
}
