using System.Text.Json;
using System.Text.RegularExpressions;

namespace Engram.EmbedBench;

internal sealed record Turn(string DiaId, string Text);

internal sealed record Question(string Text, int Category, IReadOnlySet<string> Evidence);

internal sealed record Conversation(string Name, IReadOnlyList<Turn> Turns, IReadOnlyList<Question> Questions);

/// The LoCoMo development half in ../shared/locomo (see its README): each turn as the text a
/// memory would hold, each scored question (categories 1-4) with the turns that answer it.
internal static partial class LoCoMo
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

    public static IReadOnlyList<Conversation> Load(string directory) =>
        [.. Directory.GetFiles(directory, "conv-*.json").Order(StringComparer.Ordinal).Select(LoadOne)];

    private static Conversation LoadOne(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var turns = new List<Turn>();
        for (var session = 1; root.TryGetProperty($"session_{session}", out var list); session++)
        {
            var date = root.GetProperty($"session_{session}_date_time").GetString();
            foreach (var turn in list.EnumerateArray())
            {
                var caption = turn.TryGetProperty("blip_caption", out var blip) ? $" [shares {blip.GetString()}]" : "";
                turns.Add(new Turn(turn.GetProperty("dia_id").GetString()!.Trim(),
                    $"({date}) {turn.GetProperty("speaker").GetString()}: {turn.GetProperty("text").GetString()}{caption}"));
            }
        }
        var questions = new List<Question>();
        foreach (var qa in root.GetProperty("qa").EnumerateArray())
        {
            var category = qa.GetProperty("category").GetInt32();
            // A few evidence entries are malformed ("D8:6; D9:17", "D:11:26"): take every well-formed id in them.
            var evidence = qa.GetProperty("evidence").EnumerateArray()
                .SelectMany(entry => DiaId().Matches(entry.GetString() ?? "").Select(match => match.Value))
                .ToHashSet(StringComparer.Ordinal);
            if (category is >= 1 and <= 4 && evidence.Count > 0)
            {
                questions.Add(new Question(qa.GetProperty("question").GetString()!, category, evidence));
            }
        }
        return new Conversation(Path.GetFileNameWithoutExtension(path), turns, questions);
    }

    [GeneratedRegex(@"D\d+:\d+")]
    private static partial Regex DiaId();
}
