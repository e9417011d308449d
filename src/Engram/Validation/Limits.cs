namespace Engram.Validation;

/// Every bound the contract names, in one place; error messages quote these constants.
internal static class Limits
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;
    public const int MaxIdLength = 128;
    public const int MaxCustomerUserIdLength = 256;
    public const int MaxMetadataItems = 64;
    public const int MaxMetadataKeyLength = 128;
    public const int MaxMetadataValueLength = 2048;
    public const int MaxContentLength = 32768;
    public const int MaxNameLength = 256;
    public const int MinPhoneLength = 7;
    public const int MaxPhoneLength = 32;
    public const int MaxEmailLength = 254;
    public const int MaxJsonDepth = 64;
    /// Page tokens Engram mints are about 90 characters; a longer one is refused before decoding.
    public const int MaxPageTokenLength = 512;

    // The request target and headers, enforced by RequestHeadLimits so the answer is the envelope
    // (414 uri_too_long, 431 request_header_fields_too_large).
    public const int MaxRequestTargetBytes = 8 * 1024;
    public const int MaxRequestHeadersBytes = 32 * 1024;
    public const int MaxRequestHeaderCount = 64;
    // Kestrel's own limits, set above those so an over-limit request reaches RequestHeadLimits:
    // Kestrel refuses before any middleware runs, with a bare status (aspnet/KestrelHttpServer#2947).
    // Past these it still does, so they are bounded too.
    public const int KestrelMaxRequestLineBytes = 64 * 1024;
    public const int KestrelMaxRequestHeadersBytes = 64 * 1024;
    public const int KestrelMaxRequestHeaderCount = 128;
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(60);
    /// A body must arrive at 240 bytes/s or more after a 5 s grace: a slow client cannot hold a connection for ever.
    public const double MinBodyBytesPerSecond = 240;
    public static readonly TimeSpan MinBodyRateGrace = TimeSpan.FromSeconds(5);
}
