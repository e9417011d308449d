using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Engram.Operations;

/// How a log line reads, in either format. Text: `2026-01-31T09:15:00.123Z info: Category message
/// request=ID`, the time in UTC with its date, so lines from several nodes sort and compare. JSON:
/// one object a line, for a log shipper. Either way a line is one line: the text form escapes
/// whatever could end it (LoggedText), and the JSON form is JSON.
internal static class LogLines
{
    public static string Timestamp(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static void AppendRequest(StringBuilder text, RequestLine line, LogFormat format)
    {
        if (format == LogFormat.Json)
        {
            text.Append(Json(writer =>
            {
                Common(writer, line.At, LogLevel.Information, "Engram.Requests");
                writer.WriteString("method", line.Method);
                writer.WriteString("path", line.Path);
                writer.WriteNumber("status", line.Status);
                writer.WriteNumber("milliseconds", Math.Round(line.Milliseconds, 1));
                writer.WriteString("requestId", line.RequestId);
                if (line.TraceId is { } trace)
                {
                    writer.WriteString("traceId", trace);
                }
            })).Append('\n');
            return;
        }
        text.Append(CultureInfo.InvariantCulture, $"{Timestamp(line.At)} info: Engram.Requests {line.Method} ");
        LoggedText.Append(text, line.Path); // the path is the client's text: one request, one line
        text.Append(CultureInfo.InvariantCulture, $" {line.Status} {line.Milliseconds:0.0}ms {line.RequestId}\n");
    }

    public static string Event(LogFormat format, DateTime at, LogLevel level, string category, string message, Exception? exception,
        RequestScope? request)
    {
        if (format == LogFormat.Json)
        {
            return Json(writer =>
            {
                Common(writer, at, level, category);
                writer.WriteString("message", message);
                if (request is not null)
                {
                    writer.WriteString("requestId", request.RequestId);
                    if (request.TraceId is { } trace)
                    {
                        writer.WriteString("traceId", trace);
                    }
                }
                if (exception is not null)
                {
                    writer.WriteString("exception", exception.ToString());
                }
            }) + "\n";
        }
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Timestamp(at)} {ShortName(level)}: {category} ");
        LoggedText.Append(text, message);
        if (request is not null)
        {
            text.Append(" request=").Append(request.RequestId);
        }
        text.Append('\n');
        if (exception is not null)
        {
            // The stack trace on the lines below, indented, as the framework's console logger writes it.
            foreach (var line in exception.ToString().Split('\n'))
            {
                text.Append("      ");
                LoggedText.Append(text, line.TrimEnd('\r'));
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    private static void Common(Utf8JsonWriter writer, DateTime at, LogLevel level, string category)
    {
        writer.WriteString("timestamp", Timestamp(at));
        writer.WriteString("level", level.ToString());
        writer.WriteString("category", category);
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// The framework console logger's four-letter names, so lines read as they always did.
    private static string ShortName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };
}
