namespace Engram.Graph;

/// An entity's other names as stored: one per line, each once (letter case aside), never its own name.
public static class EntityAliases
{
    public static string Merge(string? stored, IEnumerable<string> more, string name)
    {
        var aliases = new List<string>(Split(stored));
        var seen = new HashSet<string>(aliases, StringComparer.OrdinalIgnoreCase) { name };
        foreach (var alias in more)
        {
            var trimmed = alias.Trim().Replace('\n', ' ').Replace('\r', ' ');
            if (trimmed.Length > 0 && seen.Add(trimmed))
            {
                aliases.Add(trimmed);
            }
        }
        return string.Join('\n', aliases);
    }

    public static string[] Split(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
