using System.Globalization;
using System.Text.Json;
using Engram.Graph;

namespace Engram.ExtractBench;

/// LoCoMo's turns (../shared/locomo, see its README) as graph ingestion hands them to an extractor:
/// the text (with " [shares …]" when the turn shares a picture), its speaker, its session's time.
internal static class Turns
{
    public static string FindDirectory()
    {
        // CI clones the repository with shared/ beside it; a worktree sits deeper, so look upwards.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "locomo");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/locomo was not found beside the repository or above it");
    }

    public static List<ExtractionInput> Load(string directory)
    {
        var inputs = new List<ExtractionInput>();
        foreach (var path in Directory.GetFiles(directory, "conv-*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var speakerA = root.GetProperty("speaker_a").GetString();
            for (var n = 1; root.TryGetProperty($"session_{n}_date_time", out var date); n++)
            {
                if (!root.TryGetProperty($"session_{n}", out var turns))
                {
                    continue;
                }
                var at = DateTime.ParseExact(date.GetString()!, "h:mm tt 'on' d MMMM, yyyy", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                foreach (var turn in turns.EnumerateArray())
                {
                    var speaker = turn.GetProperty("speaker").GetString()!;
                    var caption = turn.TryGetProperty("blip_caption", out var blip) ? $" [shares {blip.GetString()}]" : "";
                    inputs.Add(new ExtractionInput(turn.GetProperty("text").GetString() + caption, speaker, at, "culture",
                        speaker == speakerA ? "human" : "ai"));
                }
            }
        }
        return inputs;
    }
}
