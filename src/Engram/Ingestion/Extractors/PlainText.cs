using System.Text;

namespace Engram.Ingestion;

/// Bytes that should be text (txt md csv json, and HTML before parsing) read into a string:
/// UTF-8 or UTF-16 with a byte-order mark, UTF-8 without, else Latin-1; binary junk is refused.
internal static class PlainText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] ReadAll(Stream content, CancellationToken cancellationToken)
    {
        const int cap = ExtractionLimits.MaxTextFileBytes;
        if (content.CanSeek && content.Length - content.Position > cap)
        {
            throw TooLarge();
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = content.Read(chunk)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (buffer.Length + read > cap)
            {
                throw TooLarge();
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            // UTF-16 is full of NULs, so it is decoded before the binary check, then checked as text.
            var utf16 = (bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(bytes[2..]);
            return LooksLikeText(utf16) ? utf16 : throw NotText();
        }
        if (bytes.Contains((byte)0))
        {
            throw NotText();
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: an older single-byte encoding reads as Latin-1 well enough to index,
            // while junk still fails the control-character check below.
            text = Encoding.Latin1.GetString(bytes);
        }
        return LooksLikeText(text) ? text : throw NotText();
    }

    /// Text has few control characters besides tab, line breaks and form feed; binary has many
    /// (random bytes: one in ten).
    private static bool LooksLikeText(string text)
    {
        long controls = 0;
        foreach (var c in text)
        {
            if ((c < ' ' && c is not ('\t' or '\n' or '\r' or '\f')) || c == '\u007F')
            {
                controls++;
            }
        }
        return controls * 1000 <= (long)text.Length * ExtractionLimits.MaxControlCharactersPerMille;
    }

    private static ExtractionException NotText() => new("the file is not text");

    private static ExtractionException TooLarge() =>
        new($"the file is larger than {ExtractionLimits.MaxTextFileBytes / (1024 * 1024)} MiB of text");
}
