using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace Engram.Ingestion;

/// The text layer of a PDF, page by page in reading order (PdfPig). A scanned PDF has none and
/// fails with that reason; whatever PdfPig throws on a broken or hostile file fails the sample.
internal static class PdfText
{
    public static string Extract(Stream content, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        try
        {
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            foreach (var page in document.GetPages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var pageText = ContentOrderTextExtractor.GetText(page);
                if (!string.IsNullOrWhiteSpace(pageText))
                {
                    text.Append(pageText.Trim()).Append("\n\n");
                }
                if (text.Length > ExtractionLimits.MaxTextCharacters)
                {
                    break; // DocumentText.Checked fails it with the limit's reason
                }
            }
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new ExtractionException("the PDF is encrypted");
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or ExtractionException))
        {
            // PdfPig throws many types (and sometimes plain ones: InvalidOperation, IndexOutOfRange)
            // on damaged files; any of them means this file cannot be read, not that the worker is broken.
            throw new ExtractionException("the PDF could not be read");
        }
        if (string.IsNullOrWhiteSpace(text.ToString()))
        {
            throw new ExtractionException("the PDF has no text layer");
        }
        return text.ToString().TrimEnd();
    }
}
