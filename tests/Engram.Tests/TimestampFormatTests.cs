using System.Globalization;
using Engram.Json;

namespace Engram.Tests;

/// Every timestamp on the wire goes through one converter; its fast path must print what the
/// contract's format string prints, for any instant.
public sealed class TimestampFormatTests
{
    [Fact]
    public void Random_instants_are_written_as_the_millisecond_format_string_writes_them()
    {
        var random = new Random(7);
        var options = new JsonSerializerOptions { Converters = { new UtcMillisecondsConverter() } };
        var instants = new List<DateTime> { DateTime.MinValue, DateTime.MaxValue, new(1, 1, 1, 0, 0, 0, 999, DateTimeKind.Utc) };
        for (var i = 0; i < 10_000; i++)
        {
            instants.Add(new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc));
        }
        foreach (var instant in instants)
        {
            var expected = instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(instant, options));
            Assert.Equal(instant.Ticks / TimeSpan.TicksPerMillisecond,
                JsonSerializer.Deserialize<DateTime>($"\"{expected}\"", options).Ticks / TimeSpan.TicksPerMillisecond);
        }
    }
}
