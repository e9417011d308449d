using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Engram.Ingestion;

/// The text of a Word (.docx) file, read straight from its word/document.xml: paragraphs on lines
/// of their own, tabs and breaks kept. Reading the zip and the XML directly, rather than through
/// the Open XML SDK, lets every decompressed byte be counted, so a zip bomb stops at the cap.
internal static class DocxText
{
    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    public static string Extract(Stream content, CancellationToken cancellationToken)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var entry = zip.GetEntry("word/document.xml")
                ?? throw new ExtractionException("the Word file has no document in it");
            if (entry.Length > ExtractionLimits.MaxDocxXmlBytes)
            {
                throw TooLarge();
            }
            using var xml = new CappedStream(entry.Open(), ExtractionLimits.MaxDocxXmlBytes, TooLarge);
            return Read(xml, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            throw new ExtractionException("the Word file is damaged or not a .docx");
        }
    }

    private static string Read(Stream xml, CancellationToken cancellationToken)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, // no entity expansion (billion laughs), no external fetches
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        using var reader = XmlReader.Create(xml, settings);
        var text = new StringBuilder();
        var inText = false;
        while (reader.Read())
        {
            if (reader.NamespaceURI != WordNamespace && reader.NodeType is XmlNodeType.Element or XmlNodeType.EndElement)
            {
                continue;
            }
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.LocalName == "t":
                    inText = !reader.IsEmptyElement;
                    break;
                case XmlNodeType.Element when reader.LocalName is "tab":
                    text.Append('\t');
                    break;
                case XmlNodeType.Element when reader.LocalName is "br" or "cr":
                    text.Append('\n');
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "t":
                    inText = false;
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "p":
                    text.Append('\n');
                    cancellationToken.ThrowIfCancellationRequested();
                    break;
                case XmlNodeType.Text or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace when inText:
                    text.Append(reader.Value);
                    break;
            }
            if (text.Length > ExtractionLimits.MaxTextCharacters)
            {
                break; // DocumentText.Checked fails it with the limit's reason
            }
        }
        return text.ToString().Trim();
    }

    private static ExtractionException TooLarge() =>
        new($"the Word file unpacks to more than {ExtractionLimits.MaxDocxXmlBytes / (1024 * 1024)} MiB");
}
