using System.Globalization;
using System.Text.RegularExpressions;

namespace Engram.Ingestion;

/// Resolves the relative times of a message against the moment it was said: "I went yesterday"
/// said on 8 May 2023 becomes "I went yesterday [7 May 2023]". The expression stays (it is what
/// was said); the date in brackets is what a later reader, or a question about time, needs.
/// Weeks start on Monday; "this weekend" is the weekend's Saturday.
public static partial class RelativeDates
{
    private static readonly string[] Weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    public static string Resolve(string text, DateTime said) =>
        Expression().Replace(text, match => Date(match, said.Date) is { } date ? $"{match.Value} [{date}]" : match.Value);

    private static string? Date(Match match, DateTime day)
    {
        if (match.Groups["day"].Success)
        {
            return match.Groups["day"].Value.ToLowerInvariant() switch
            {
                "yesterday" or "last night" => Day(day.AddDays(-1)),
                "tomorrow" => Day(day.AddDays(1)),
                _ => Day(day),
            };
        }
        var which = match.Groups["which"].Value.ToLowerInvariant();
        var shift = which switch { "last" => -1, "next" => 1, _ => 0 };
        if (match.Groups["weekday"].Success)
        {
            var target = Array.IndexOf(Weekdays, match.Groups["weekday"].Value.ToLowerInvariant());
            var back = ((int)day.DayOfWeek - target + 7) % 7;
            return which switch
            {
                "last" => Day(day.AddDays(back == 0 ? -7 : -back)),
                "next" => Day(day.AddDays((target - (int)day.DayOfWeek + 7) % 7 is 0 ? 7 : (target - (int)day.DayOfWeek + 7) % 7)),
                _ => Day(Monday(day).AddDays((target + 6) % 7)),
            };
        }
        if (match.Groups["span"].Success)
        {
            return match.Groups["span"].Value.ToLowerInvariant() switch
            {
                "weekend" => "weekend of " + Day(Monday(day).AddDays(5 + 7 * shift)),
                "week" => "week of " + Day(Monday(day).AddDays(7 * shift)),
                "month" => day.AddMonths(shift).ToString("MMMM yyyy", CultureInfo.InvariantCulture),
                _ => day.AddYears(shift).ToString("yyyy", CultureInfo.InvariantCulture),
            };
        }
        if (Count(match.Groups["count"].Value) is not { } count)
        {
            return null;
        }
        var sign = match.Groups["ago"].Success ? -1 : 1;
        return match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "day" => Day(day.AddDays(sign * count)),
            "week" => Day(day.AddDays(sign * 7 * count)),
            "month" => day.AddMonths(sign * count).ToString("MMMM yyyy", CultureInfo.InvariantCulture),
            _ => day.AddYears(sign * count).ToString("yyyy", CultureInfo.InvariantCulture),
        };
    }

    public static string Day(DateTime day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static DateTime Monday(DateTime day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static int? Count(string word) => word.ToLowerInvariant() switch
    {
        "a" or "an" or "one" => 1,
        "a couple of" or "two" => 2,
        "three" => 3, "four" => 4, "five" => 5, "six" => 6, "seven" => 7, "eight" => 8, "nine" => 9, "ten" => 10,
        "eleven" => 11, "twelve" => 12,
        var digits => int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 100 ? n : null,
    };

    [GeneratedRegex("""
        \b(?:
            (?<day>yesterday|today|tonight|tomorrow|last\ night)
          | (?<which>last|this|next)\ (?:(?<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?<span>weekend|week|month|year))
          | (?<count>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\ couple\ of)\ (?<unit>day|week|month|year)s?\ (?<ago>ago)
          | in\ (?<count>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\ couple\ of)\ (?<unit>day|week|month|year)s?
        )\b
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Expression();
}
