using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Engram.LoCoMo;

public sealed record Turn(string DiaId, string Speaker, string Text, DateTime At);

public sealed record Question(string Text, int Category, IReadOnlyList<string> Evidence);

/// One LoCoMo conversation file: two speakers, numbered sessions of turns with the session's date,
/// and questions whose evidence names turns by dia_id ("D3:7").
public sealed partial record Conversation(string Name, string SpeakerA, IReadOnlyList<(int Number, IReadOnlyList<Turn> Turns)> Sessions,
    IReadOnlyList<Question> Questions)
{
    public static Conversation Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var sessions = new List<(int, IReadOnlyList<Turn>)>();
        for (var n = 1; root.TryGetProperty($"session_{n}_date_time", out var date); n++)
        {
            if (!root.TryGetProperty($"session_{n}", out var turns))
            {
                continue; // a few files list dates for sessions they do not hold
            }
            var start = DateTime.ParseExact(date.GetString()!, "h:mm tt 'on' d MMMM, yyyy", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            // Turns have no times of their own: a turn every 30 seconds from the session's start keeps their order and day.
            sessions.Add((n, turns.EnumerateArray().Select((t, i) => new Turn(t.GetProperty("dia_id").GetString()!.Trim(),
                t.GetProperty("speaker").GetString()!, Content(t), start.AddSeconds(30 * i))).ToList()));
        }
        var questions = root.GetProperty("qa").EnumerateArray()
            .Select(q => new Question(q.GetProperty("question").GetString()!, q.GetProperty("category").GetInt32(),
                q.TryGetProperty("evidence", out var e) ? e.EnumerateArray().SelectMany(x => Evidence(x.GetString() ?? "")).Distinct().ToList() : []))
            .ToList();
        return new Conversation(Path.GetFileNameWithoutExtension(path), root.GetProperty("speaker_a").GetString()!, sessions, questions);
    }

    /// The README's content: "<speaker>: <text>", plus " [shares <blip_caption>]" when there is one.
    private static string Content(JsonElement turn) =>
        $"{turn.GetProperty("speaker").GetString()}: {turn.GetProperty("text").GetString()}" +
        (turn.TryGetProperty("blip_caption", out var caption) && caption.GetString() is { Length: > 0 } c ? $" [shares {c}]" : "");

    /// Evidence ids, the malformed ones mended: "D10:19:20" is D10:19 and D10:20; stray spaces go.
    private static IEnumerable<string> Evidence(string raw)
    {
        foreach (Match match in EvidenceId().Matches(raw))
        {
            var session = match.Groups[1].Value;
            foreach (Capture turn in match.Groups[2].Captures)
            {
                yield return $"D{session}:{turn.Value}";
            }
        }
    }

    [GeneratedRegex(@"D(\d+)(?::(\d+))+")]
    private static partial Regex EvidenceId();
}
