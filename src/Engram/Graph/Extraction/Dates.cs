using System.Globalization;
using System.Text.RegularExpressions;
using Engram.Ingestion;

namespace Engram.Graph.Extraction;

/// The dates a fact states, after its relative times are resolved against the message's time
/// ("yesterday [7 May 2023]"): days ("7 May 2023", "May 7, 2023", "2023-05-07", "May 7" in a
/// dated message), months ("May 2023") and years ("in 2022", "[2022]"). Only a day can be a fact's
/// `ValidAt`; a month or a year stays a date entity and stays in the text.
internal static partial class Dates
{
    public static string Resolve(string text, DateTime? datedAt) => datedAt is { } at ? RelativeDates.Resolve(text, at) : text;

    /// Each date's canonical name and, for a day, the day.
    public static List<(string Name, DateTime? Day)> In(string text, DateTime? datedAt)
    {
        var dates = new List<(string, DateTime?)>();
        foreach (Match match in Expression().Matches(text))
        {
            var year = match.Groups["year"].Success ? int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture) : datedAt?.Year;
            var month = match.Groups["month"].Success ? Month(match.Groups["month"].Value)
                : match.Groups["mm"].Success ? int.Parse(match.Groups["mm"].ValueSpan, CultureInfo.InvariantCulture) : 0;
            var day = match.Groups["day"].Success ? int.Parse(match.Groups["day"].ValueSpan, CultureInfo.InvariantCulture) : 0;
            if (year is not { } y || y is < 1000 or > 9999)
            {
                continue;
            }
            if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(y, month))
            {
                var date = new DateTime(y, month, day, 0, 0, 0, DateTimeKind.Utc);
                dates.Add((RelativeDates.Day(date), date));
            }
            else if (month is >= 1 and <= 12 && day == 0)
            {
                dates.Add((new DateTime(y, month, 1, 0, 0, 0, DateTimeKind.Utc).ToString("MMMM yyyy", CultureInfo.InvariantCulture), null));
            }
            else if (match.Groups["yearOnly"].Success)
            {
                dates.Add((y.ToString(CultureInfo.InvariantCulture), null));
            }
        }
        return dates;
    }

    private static int Month(string name) => name[..3].ToLowerInvariant() switch
    {
        "jan" => 1, "feb" => 2, "mar" => 3, "apr" => 4, "may" => 5, "jun" => 6,
        "jul" => 7, "aug" => 8, "sep" => 9, "oct" => 10, "nov" => 11, "dec" => 12, _ => 0,
    };

    // Month names start with a capital: "may" is a verb. NonBacktracking: linear in the text, never a timeout.
    [GeneratedRegex("""
          \b(?<day>\d{1,2})(?:st|nd|rd|th)?\ (?:of\ )?(?<month>(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec))\.?(?:,?\ (?<year>\d{4}))?\b
        | \b(?<month>(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec))\.?\ (?<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\ (?<year>\d{4}))?\b
        | \b(?<year>\d{4})-(?<mm>\d{2})-(?<day>\d{2})\b
        | \b(?<month>(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec))\ (?<year>\d{4})\b
        | (?<yearOnly>\b(?:in|since|from|during|until|by|of)\ (?<year>(?:1[89]|20)\d{2})\b|\[(?<year>\d{4})\])
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Expression();
}
