using Engram.Files;

namespace Engram.Ingestion;

/// The text of one sample: an uploaded document's, or a web page's (website, sitemap, website_bulk).
/// Whatever cannot be read ends in an ExtractionException whose message is the sample's error.
public sealed class SampleText(FileStore files, WebReader web)
{
    public async Task<string> ReadAsync(SampleWork sample, CancellationToken cancellationToken)
    {
        switch (sample.FileType)
        {
            case null:
                throw new ExtractionException("the sample has no file");
            case "audio" or "video" or "image" or "youtube":
                throw new ExtractionException($"{sample.FileType} files are not supported");
            case "website" or "sitemap" or "website_bulk":
                if (!Uri.TryCreate(sample.ExternalUri, UriKind.Absolute, out var url))
                {
                    throw new ExtractionException("the file has no web address");
                }
                var pages = sample.FileType switch
                {
                    "website" => [await web.ReadPageAsync(url, cancellationToken)],
                    "sitemap" => await web.ReadSitemapAsync(url, cancellationToken),
                    _ => await web.CrawlAsync(url, cancellationToken),
                };
                return string.Join("\n\n", pages.Select(page => string.IsNullOrWhiteSpace(page.Title) ? page.Text : $"{page.Title}\n\n{page.Text}"));
        }
        if (sample.BronzeKey is not { } key)
        {
            throw new ExtractionException("the file has no uploaded bytes");
        }
        // Uploads can be 100 MiB: they go through a temporary file, never whole into memory.
        await using var content = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None,
            bufferSize: 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await files.CopyUploadAsync(key, content, cancellationToken);
        content.Position = 0;
        return DocumentText.Extract(content, sample.Extension ?? "", cancellationToken);
    }
}
