namespace Engram.Ingestion;

/// The bounds on reading documents and web pages, in one place; the error sentences quote them.
/// The web ones are the contract's (§10); the document ones keep a hostile upload from taking
/// the worker's memory or time.
public static class ExtractionLimits
{
    /// Extracted text past this fails the sample rather than filling the index with one file.
    public const int MaxTextCharacters = 16_000_000;

    /// A text file (txt md csv json html) is read whole; past this it fails unread.
    public const int MaxTextFileBytes = 32 * 1024 * 1024;

    /// What a .docx may unpack to: its document.xml, counted as it is decompressed, so a zip
    /// bomb or an entry that lies about its size stops here.
    public const int MaxDocxXmlBytes = 64 * 1024 * 1024;

    /// Text files with more control characters than this (per mille of bytes) are binary.
    public const int MaxControlCharactersPerMille = 10;

    public const long MaxPageBytes = 10 * 1024 * 1024;
    public const int MaxPageMebibytes = (int)(MaxPageBytes / (1024 * 1024));
    public static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(15);
    public const int MaxRedirects = 5;
    public const int MaxSitemapPages = 100;
    /// Sitemap indexes may nest; this many sitemap files are read at most, each once.
    public const int MaxSitemapFiles = 10;
    public const int MaxCrawlPages = 100;
    public const int MaxCrawlDepth = 2;
    /// Pages of a sitemap or crawl fetched at once: polite to the site and to a 2-core worker.
    public const int ParallelFetches = 4;

    public const string UserAgent = "Engram/1.0 (memory ingestion; reads pages a user added to a memory)";
}
