namespace Engram.Client;

/// <summary>The types a file can have. Plain strings on the wire, so a type the server adds later still reads.</summary>
public static class FileTypes
{
    /// <summary><c>website</c>: one page, fetched at ingestion (the default for a URL).</summary>
    public const string Website = "website";

    /// <summary><c>sitemap</c>: a sitemap and up to 100 of its pages.</summary>
    public const string Sitemap = "sitemap";

    /// <summary><c>website_bulk</c>: a page and the links on its host, up to 100 pages, depth 2.</summary>
    public const string WebsiteBulk = "website_bulk";

    /// <summary><c>document</c>: pdf, docx, html and the like.</summary>
    public const string Document = "document";

    /// <summary><c>text</c>: txt, md, csv, json.</summary>
    public const string Text = "text";

    /// <summary><c>image</c></summary>
    public const string Image = "image";

    /// <summary><c>audio</c></summary>
    public const string Audio = "audio";

    /// <summary><c>video</c></summary>
    public const string Video = "video";

    /// <summary><c>other</c></summary>
    public const string Other = "other";
}

/// <summary>The categories <see cref="FilesClient.ListAsync"/> filters by.</summary>
public static class FileCategories
{
    /// <summary><c>web</c>: websites, sitemaps, crawls.</summary>
    public const string Web = "web";

    /// <summary><c>document</c>: documents and text.</summary>
    public const string Document = "document";

    /// <summary><c>audio</c></summary>
    public const string Audio = "audio";

    /// <summary><c>video</c></summary>
    public const string Video = "video";

    /// <summary><c>other</c>: images and the rest.</summary>
    public const string Other = "other";

    /// <summary><c>all</c>: no filter (the default).</summary>
    public const string All = "all";
}
