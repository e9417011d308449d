using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Engram.Ingestion;

/// A guard for HTML nested too deep for a DOM parser, whose work grows with the square of the
/// depth (AngleSharp took minutes on 50,000 nested elements): such a page is read by stripping
/// its tags instead, which is linear and loses only the choice of main content and its links.
internal static partial class HtmlDepth
{
    /// Deeper than any real page; past it the DOM parse is skipped.
    public const int MaxParsedDepth = 1_000;

    private static readonly HashSet<string> SelfClosing = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        // closed implicitly by their next sibling, so they never deepen a real page
        "p", "li", "td", "th", "tr", "option", "dt", "dd",
    };

    /// An estimate from the tags alone: opening tags deepen, closing tags undo, void elements do neither.
    public static bool IsTooDeep(string html)
    {
        var depth = 0;
        foreach (Match tag in Tag().Matches(html))
        {
            if (tag.Groups["close"].Success)
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (!tag.Groups["self"].Success && !SelfClosing.Contains(tag.Groups["name"].Value) && ++depth > MaxParsedDepth)
            {
                return true;
            }
        }
        return false;
    }

    /// The text with tags removed, scripts and styles dropped, and block tags as line breaks.
    public static string StripTags(string html)
    {
        var withoutCode = Code().Replace(html, " ");
        var text = Tag().Replace(withoutCode, match => match.Groups["name"].Value.ToLowerInvariant() is "p" or "div" or "br" or "li" or "tr"
            or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" ? "\n" : " ");
        return WebUtility.HtmlDecode(text);
    }

    [GeneratedRegex(@"<(?<close>/)?(?<name>[a-zA-Z][a-zA-Z0-9-]*)[^>]*?(?<self>/)?>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Code();
}
