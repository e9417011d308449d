namespace Engram.Ingestion;

/// The text of an uploaded document, by its extension. Every format's reader turns whatever its
/// library throws into an ExtractionException, so a hostile file fails its sample and nothing more.
public static class DocumentText
{
    /// The text of an uploaded document, chosen by its extension (txt md csv json html htm pdf
    /// docx, with or without the dot, any letter case); others fail "<ext> files are not supported".
    public static string Extract(Stream content, string extension, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(extension);
        var ext = extension.TrimStart('.').ToLowerInvariant();
        var text = ext switch
        {
            "txt" or "md" or "markdown" or "csv" or "json" => PlainText.Decode(PlainText.ReadAll(content, cancellationToken)),
            "html" or "htm" => HtmlText.Read(PlainText.Decode(PlainText.ReadAll(content, cancellationToken)), null).Text,
            "pdf" => PdfText.Extract(content, cancellationToken),
            "docx" => DocxText.Extract(content, cancellationToken),
            "" => throw new ExtractionException("files without an extension are not supported"),
            _ => throw new ExtractionException($"{ext} files are not supported"),
        };
        return Checked(text, "the document has no text");
    }

    /// The one cap on extracted text, shared by files and web pages.
    internal static string Checked(string text, string noTextReason)
    {
        if (text.Length > ExtractionLimits.MaxTextCharacters)
        {
            throw new ExtractionException($"the text is longer than {ExtractionLimits.MaxTextCharacters:N0} characters");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ExtractionException(noTextReason);
        }
        return text;
    }
}
