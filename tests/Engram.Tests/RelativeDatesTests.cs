using System.Globalization;
using Engram.Ingestion;

namespace Engram.Tests;

/// Relative times resolved against the moment a message was said, on random days.
public sealed class RelativeDatesTests
{
    private static readonly string[] Weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private static DateTime Parse(string day) => DateTime.ParseExact(day, "d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Resolved(string text, DateTime said) =>
        RelativeDates.Resolve(text, said) is var resolved && resolved.IndexOf('[') is var open and >= 0
            ? resolved[(open + 1)..resolved.IndexOf(']')]
            : throw new InvalidOperationException($"not resolved: {resolved}");

    [Fact]
    public void Days_and_weekdays_land_where_they_should()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var said = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0, 6 * 365 * 1440));
            Assert.Equal(said.Date.AddDays(-1), Parse(Resolved("I went there yesterday.", said)));
            Assert.Equal(said.Date.AddDays(1), Parse(Resolved("See you Tomorrow", said)));
            var weekday = random.Next(7);
            var last = Parse(Resolved($"last {Weekdays[weekday]} was fun", said));
            Assert.Equal((DayOfWeek)weekday, last.DayOfWeek);
            Assert.InRange((said.Date - last).TotalDays, 1, 7);
            var next = Parse(Resolved($"next {Weekdays[weekday].ToLowerInvariant()}", said));
            Assert.Equal((DayOfWeek)weekday, next.DayOfWeek);
            Assert.InRange((next - said.Date).TotalDays, 1, 7);
            var weeks = random.Next(1, 10);
            Assert.Equal(said.Date.AddDays(-7 * weeks), Parse(Resolved($"{weeks} weeks ago", said)));
            var weekend = Parse(Resolved("this weekend", said)["weekend of ".Length..]);
            Assert.Equal(DayOfWeek.Saturday, weekend.DayOfWeek);
            Assert.InRange((weekend - said.Date).TotalDays, -1, 5);
        }
    }

    [Fact]
    public void Months_and_years_name_the_month_or_year()
    {
        var said = new DateTime(2023, 5, 8, 13, 56, 0, DateTimeKind.Utc);
        Assert.Equal("I started painting last year [2022], and next month [June 2023] I show two weeks ago [24 April 2023] work",
            RelativeDates.Resolve("I started painting last year, and next month I show two weeks ago work", said));
        Assert.Equal("a few days ago, on 3 May", RelativeDates.Resolve("a few days ago, on 3 May", said));
        Assert.Equal("Yesterdays are not yesterday [7 May 2023]", RelativeDates.Resolve("Yesterdays are not yesterday", said));
    }

    [Fact]
    public void Resolving_only_adds_dates_in_brackets()
    {
        var random = new Random(3);
        var words = new[] { "the", "lake", "sunrise", "week", "last", "month", "ago", "in", "painting", "2022", "May", "weekly" };
        for (var i = 0; i < 300; i++)
        {
            var text = string.Join(" ", Enumerable.Range(0, random.Next(1, 12)).Select(_ => words[random.Next(words.Length)]));
            var resolved = RelativeDates.Resolve(text, DateTime.UtcNow);
            Assert.Equal(text, resolved.Replace(" [", "\u0000[").Split('\u0000').Select(part => part.StartsWith('[') ? part[(part.IndexOf(']') + 1)..] : part)
                .Aggregate((a, b) => a + b));
        }
    }
}
