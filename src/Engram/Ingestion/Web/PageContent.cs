using System.Text;

namespace Engram.Ingestion;

/// A fetched page's title, text and links, by its media type: HTML (the default when the site
/// sends none), plain text, or a PDF; anything else cannot be read.
internal static class PageContent
{
    public static HtmlText.Result Read(PageFetcher.Response response)
    {
        var type = response.MediaType?.ToLowerInvariant();
        switch (type)
        {
            case null or "text/html" or "application/xhtml+xml":
                return HtmlText.Read(Decode(response), response.Url);
            case "text/plain" or "text/markdown" or "text/csv":
                return new HtmlText.Result("", Decode(response), []);
            case "application/pdf":
                return new HtmlText.Result("", PdfText.Extract(new MemoryStream(response.Body), CancellationToken.None), []);
            default:
                throw new ExtractionException($"the page is {type}, which cannot be read");
        }
    }

    /// The charset the server named, when .NET knows it; else the bytes decide (BOM, UTF-8, Latin-1).
    private static string Decode(PageFetcher.Response response)
    {
        if (response.Charset is { } charset && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return Encoding.GetEncoding(charset.Trim('"')).GetString(response.Body);
            }
            catch (ArgumentException)
            {
                // an unknown charset: fall through to detection
            }
        }
        return PlainText.Decode(response.Body);
    }
}
