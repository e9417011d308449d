using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engram.Json;

/// Timestamps on the wire are UTC with exactly three fractional digits: 2024-01-01T00:00:00.000Z.
public sealed class UtcMillisecondsConverter : JsonConverter<DateTime>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.ParseExact(reader.GetString()!, Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        // The round-trip format ("O", yyyy-MM-ddTHH:mm:ss.fffffff…) has a fast path that the custom
        // format above does not (a listed page writes forty of these); its first 23 characters
        // are that format's, with the fraction truncated to milliseconds as "fff" does.
        Span<byte> text = stackalloc byte[33];
        Utf8Formatter.TryFormat(value, text, out _, new StandardFormat('O'));
        text[23] = (byte)'Z';
        writer.WriteStringValue(text[..24]);
    }
}
