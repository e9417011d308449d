using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Engram.Ingestion;

/// The readable part of an HTML page: its title, the text of its main content (the `main` or
/// largest `article` when there is one, else the body without navigation, scripts and forms)
/// with blocks on lines of their own, and the links a crawl follows.
internal static class HtmlText
{
    public sealed record Result(string Title, string Text, IReadOnlyList<Uri> Links);

    private static readonly string Noise = "script, style, noscript, template, svg, canvas, iframe, object, nav, header, footer, aside, form, button, select, [hidden], [aria-hidden=true]";

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "blockquote", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "summary",
        "table", "td", "th", "tr", "ul", "caption",
    };

    /// `pageUrl` resolves relative links; without it (an uploaded file) no links are collected.
    public static Result Read(string html, Uri? pageUrl)
    {
        if (HtmlDepth.IsTooDeep(html))
        {
            return new Result("", Tidy(HtmlDepth.StripTags(html)), []);
        }
        using var document = new HtmlParser().ParseDocument(html);
        var title = Tidy(document.Title ?? "");
        var links = pageUrl is null ? [] : Links(document, pageUrl);
        foreach (var element in document.QuerySelectorAll(Noise).ToList())
        {
            element.Remove();
        }
        var root = document.QuerySelector("main, [role=main]")
            ?? document.QuerySelectorAll("article").MaxBy(article => article.TextContent.Length)
            ?? document.Body
            ?? document.DocumentElement;
        var text = root is null ? "" : Tidy(TextOf(root));
        if (title.Length == 0)
        {
            title = Tidy(document.QuerySelector("h1")?.TextContent ?? "");
        }
        return new Result(title, text, links);
    }

    private static List<Uri> Links(IDocument document, Uri pageUrl)
    {
        var links = new List<Uri>();
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            if (Uri.TryCreate(pageUrl, anchor.GetAttribute("href"), out var link) && link.Scheme is "http" or "https")
            {
                links.Add(new UriBuilder(link) { Fragment = "" }.Uri);
            }
        }
        return links;
    }

    /// Walks the tree with a stack of its own, not recursion: a page of 100,000 nested
    /// elements must not overflow the worker's stack.
    private static string TextOf(INode root)
    {
        var text = new StringBuilder();
        var pending = new Stack<(INode Node, bool Leaving)>();
        pending.Push((root, false));
        while (pending.TryPop(out var item))
        {
            var (node, leaving) = item;
            var block = node is IElement element && Blocks.Contains(element.LocalName);
            if (node is IElement { LocalName: "br" })
            {
                text.Append('\n');
                continue;
            }
            if (leaving || node is IText)
            {
                text.Append(node is IText t ? t.Data : "\n");
                continue;
            }
            if (block)
            {
                text.Append('\n');
                pending.Push((node, true));
            }
            for (var child = node.LastChild; child is not null; child = child.PreviousSibling)
            {
                if (child is IElement or IText)
                {
                    pending.Push((child, false));
                }
            }
        }
        return text.ToString();
    }

    /// Runs of spaces become one, lines are trimmed, and blank lines collapse to one.
    internal static string Tidy(string text)
    {
        var tidy = new StringBuilder(text.Length);
        var blankLines = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = string.Join(' ', rawLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (line.Length == 0)
            {
                blankLines++;
                continue;
            }
            if (tidy.Length > 0)
            {
                tidy.Append(blankLines > 0 ? "\n\n" : "\n");
            }
            tidy.Append(line);
            blankLines = 0;
        }
        return tidy.ToString();
    }
}
