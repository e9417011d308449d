using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Engram.Ingestion;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Engram.Tests.Ingestion;

/// Each format read from a small file made here, and hostile files failing with a reason:
/// whatever the bytes, Extract returns text or throws ExtractionException, nothing else.
public sealed class DocumentTextTests
{
    [Theory]
    [InlineData("txt")]
    [InlineData(".md")]
    [InlineData("CSV")]
    [InlineData("json")]
    public void Text_files_are_read_as_UTF8_or_UTF16_or_Latin1(string extension)
    {
        Assert.Equal("Grüße, 世界 😀", Extract(Encoding.UTF8.GetBytes("Grüße, 世界 😀"), extension));
        Assert.Equal("Grüße, 世界", Extract([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Grüße, 世界")], extension));
        Assert.Equal("Grüße, 世界", Extract([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Grüße, 世界")], extension));
        Assert.Equal("Grüße", Extract(Encoding.Latin1.GetBytes("Grüße"), extension));
    }

    [Fact]
    public void Html_gives_its_main_text_without_scripts_or_navigation()
    {
        const string html = """
            <html><head><title>T</title><script>var hidden = 1;</script><style>p{}</style></head>
            <body><nav>Home | About</nav><main><h1>Heading</h1><p>First   paragraph.</p><p>Second<br>line.</p></main>
            <footer>Copyright</footer></body></html>
            """;
        Assert.Equal("Heading\n\nFirst paragraph.\n\nSecond\nline.", Extract(Encoding.UTF8.GetBytes(html), "html"));
    }

    [Fact]
    public void Deeply_nested_html_is_read()
    {
        var html = string.Concat(Enumerable.Repeat("<div><span>", 50_000)) + "deep" + string.Concat(Enumerable.Repeat("</span></div>", 50_000));
        Assert.Equal("deep", Extract(Encoding.UTF8.GetBytes(html), "htm"));
    }

    [Fact]
    public void Docx_paragraphs_tabs_and_breaks_are_read()
    {
        var docx = Docx(new Paragraph(new Run(new Text("Hello "), new Text("Word."))),
            new Paragraph(new Run(new Text("a"), new TabChar(), new Text("b"), new Break(), new Text("c"))));
        Assert.Equal("Hello Word.\na\tb\nc", Extract(docx, "docx"));
    }

    [Fact]
    public void Pdf_text_is_read_and_a_pdf_without_text_has_no_text_layer()
    {
        Assert.Contains("Hello PDF world.", Extract(Pdf("Hello PDF world."), "pdf"));
        Assert.Equal("the PDF has no text layer", Reason(Pdf(null), "pdf"));
    }

    [Theory]
    [InlineData("mp3", "mp3 files are not supported")]
    [InlineData(".DOC", "doc files are not supported")]
    [InlineData("", "files without an extension are not supported")]
    public void Other_extensions_are_not_supported(string extension, string reason) =>
        Assert.Equal(reason, Reason([1, 2, 3], extension));

    [Fact]
    public void Binary_junk_named_txt_is_not_text()
    {
        var junk = new byte[4096];
        new Random(3).NextBytes(junk);
        Assert.Equal("the file is not text", Reason(junk, "txt"));
        Assert.Equal("the file is not text", Reason([.. "PK\u0003\u0004"u8, .. new byte[100]], "md"));
    }

    [Fact]
    public void An_empty_file_has_no_text() => Assert.Equal("the document has no text", Reason(" \n "u8.ToArray(), "txt"));

    [Fact]
    public void Ten_megabytes_on_one_line_are_read()
    {
        var line = string.Concat(Enumerable.Repeat("0123456789 abcdefgh ", 500_000));
        Assert.Equal(line.Length, Extract(Encoding.UTF8.GetBytes(line), "txt").Length);
    }

    [Fact]
    public void A_zip_bomb_docx_fails_at_the_cap()
    {
        var bomb = Zip(ExtractionLimits.MaxDocxXmlBytes + 1);
        Assert.Equal("the Word file unpacks to more than 64 MiB", Reason(bomb, "docx"));
    }

    [Fact]
    public void A_docx_whose_entry_lies_about_its_size_fails()
    {
        var bomb = Zip(ExtractionLimits.MaxDocxXmlBytes + 1);
        // Claim 1000 bytes unpacked in both the local header and the central directory.
        PatchAfter(bomb, [0x50, 0x4B, 0x03, 0x04], 22);
        PatchAfter(bomb, [0x50, 0x4B, 0x01, 0x02], 24);
        Assert.IsType<ExtractionException>(Record.Exception(() => Extract(bomb, "docx")));
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    /// Damaged copies of good files (and random bytes) under every extension: text or a reason.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Damaged_files_fail_with_a_reason_or_read(int seed)
    {
        var random = new Random(seed);
        var (good, extension) = random.Next(4) switch
        {
            0 => (Pdf("Some text here."), "pdf"),
            1 => (Docx(new Paragraph(new Run(new Text("Some text here.")))), "docx"),
            2 => (Encoding.UTF8.GetBytes("<html><body><p>Some text</p></body></html>"), "html"),
            _ => (new byte[random.Next(0, 3000)], random.Next(2) == 0 ? "pdf" : "docx"),
        };
        var damaged = good.ToArray();
        for (var n = random.Next(1, 20); n > 0 && damaged.Length > 0; n--)
        {
            damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
        }
        if (random.Next(3) == 0)
        {
            damaged = damaged[..random.Next(damaged.Length + 1)];
        }
        var thrown = Record.Exception(() => Extract(damaged, extension));
        Assert.True(thrown is null or ExtractionException, thrown?.ToString());
    }

    private static string Extract(byte[] bytes, string extension) =>
        DocumentText.Extract(new MemoryStream(bytes), extension, TestContext.Current.CancellationToken);

    private static string Reason(byte[] bytes, string extension) =>
        Assert.Throws<ExtractionException>(() => Extract(bytes, extension)).Message;

    private static byte[] Docx(params OpenXmlElement[] paragraphs)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new Document(new Body(paragraphs));
        }
        return stream.ToArray();
    }

    private static byte[] Pdf(string? text)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        if (text is not null)
        {
            page.AddText(text, 12, new PdfPoint(25, 700), font);
        }
        return builder.Build();
    }

    /// A zip holding word/document.xml of `size` bytes: an open element, then spaces.
    private static byte[] Zip(int size)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.Fastest).Open();
            entry.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"u8);
            var spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            for (var written = 0; written < size; written += spaces.Length)
            {
                entry.Write(spaces);
            }
        }
        return stream.ToArray();
    }

    private static void PatchAfter(byte[] bytes, byte[] signature, int offset)
    {
        var at = bytes.AsSpan().IndexOf(signature);
        BitConverter.TryWriteBytes(bytes.AsSpan(at + offset, 4), 1000);
    }
}
