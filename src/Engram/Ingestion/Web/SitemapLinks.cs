using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Engram.Ingestion;

/// The addresses a sitemap lists: `<loc>` of its `<url>`s (pages) and of its `<sitemap>`s (a
/// sitemap index's children), gzipped or not, or one address a line in a plain-text sitemap.
internal static class SitemapLinks
{
    public sealed record Links(List<Uri> Pages, List<Uri> Sitemaps);

    public static Links Read(byte[] body)
    {
        if (body is [0x1F, 0x8B, ..])
        {
            using var gzip = new CappedStream(new GZipStream(new MemoryStream(body), CompressionMode.Decompress),
                ExtractionLimits.MaxPageBytes, () => new ExtractionException($"the sitemap unpacks to more than {ExtractionLimits.MaxPageMebibytes} MiB"));
            using var unpacked = new MemoryStream();
            gzip.CopyTo(unpacked);
            body = unpacked.ToArray();
        }
        var text = PlainText.Decode(body).TrimStart();
        var links = new Links([], []);
        if (!text.StartsWith('<'))
        {
            foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                Add(links.Pages, line);
            }
            return links;
        }
        try
        {
            ReadXml(text, links);
        }
        catch (XmlException)
        {
            throw new ExtractionException("the sitemap is not valid XML");
        }
        return links;
    }

    private static void ReadXml(string text, Links links)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreComments = true };
        using var reader = XmlReader.Create(new StringReader(text), settings);
        var parent = "";
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (reader.LocalName is "url" or "sitemap")
            {
                parent = reader.LocalName;
            }
            else if (reader.LocalName == "loc")
            {
                Add(parent == "sitemap" ? links.Sitemaps : links.Pages, reader.ReadElementContentAsString());
            }
        }
    }

    private static void Add(List<Uri> list, string address)
    {
        if (Uri.TryCreate(address.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            list.Add(url);
        }
    }
}
