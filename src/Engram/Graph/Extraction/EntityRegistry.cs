namespace Engram.Graph.Extraction;

/// The entities of one sample and the names each goes by. Names that differ only in case or a
/// possessive are one entity; a first (or last) name joins the one full name of a person that
/// starts (or ends) with it; other pairs ("Mel" and "Melanie") join only when the text pairs them.
/// The canonical name is the longest, then the most used, then the first seen.
internal sealed class EntityRegistry
{
    private sealed record Entry(string Key, string Kind, int Order)
    {
        public Dictionary<string, int> Surfaces { get; } = new(StringComparer.Ordinal);
    }

    private readonly Dictionary<string, int> byKey = new(StringComparer.Ordinal);
    private readonly List<Entry> entries = [];
    private readonly List<int> parent = [];

    public static string KeyOf(string name) =>
        string.Join(' ', EntityFinder.StripPossessive(name.Trim()).ToLowerInvariant().Replace('\u2019', '\'')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// Registers a name (again) and answers its key.
    public string Add(string name, string kind)
    {
        var key = KeyOf(name);
        if (!byKey.TryGetValue(key, out var id))
        {
            id = entries.Count;
            byKey[key] = id;
            entries.Add(new Entry(key, kind, id));
            parent.Add(id);
        }
        var surface = EntityFinder.StripPossessive(name.Trim());
        entries[id].Surfaces[surface] = entries[id].Surfaces.GetValueOrDefault(surface) + 1;
        return key;
    }

    public bool Contains(string name) => byKey.ContainsKey(KeyOf(name));

    public void SameAs(string a, string b)
    {
        if (byKey.TryGetValue(KeyOf(a), out var x) && byKey.TryGetValue(KeyOf(b), out var y))
        {
            parent[Root(x)] = Root(y);
        }
    }

    private int Root(int id)
    {
        while (parent[id] != id)
        {
            id = parent[id] = parent[parent[id]];
        }
        return id;
    }

    /// The entities the given keys belong to, and each key's canonical name.
    public (List<ExtractedEntity> Entities, Dictionary<string, string> Canonical) Build(IReadOnlySet<string> used)
    {
        JoinPartialNames();
        var members = new Dictionary<int, List<Entry>>();
        foreach (var entry in entries)
        {
            var root = Root(entry.Order);
            if (!members.TryGetValue(root, out var list))
            {
                members[root] = list = [];
            }
            list.Add(entry);
        }
        var entities = new List<ExtractedEntity>();
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in members.Values.OrderBy(g => g.Min(e => e.Order)))
        {
            if (!group.Exists(e => used.Contains(e.Key)))
            {
                continue;
            }
            var surfaces = group.SelectMany(e => e.Surfaces.Select(s => (Name: s.Key, Count: s.Value, Entry: e))).ToList();
            var best = surfaces.OrderByDescending(s => s.Name.Count(c => c == ' ')).ThenByDescending(s => s.Count).ThenBy(s => s.Entry.Order).First();
            var aliases = surfaces.Select(s => s.Name).Where(n => !string.Equals(n, best.Name, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            entities.Add(new ExtractedEntity(best.Name, best.Entry.Kind, aliases));
            group.ForEach(e => canonical[e.Key] = best.Name);
        }
        return (entities, canonical);
    }

    // "Caroline" joins "Caroline Ellis" when she is the only person of that first (or last) name here.
    private void JoinPartialNames()
    {
        var people = entries.Where(e => e.Kind == EntityKinds.Person).ToList();
        foreach (var single in people.Where(e => !e.Key.Contains(' ', StringComparison.Ordinal)))
        {
            var fuller = people.Where(e => e.Key.Split(' ') is { Length: > 1 } words && (words[0] == single.Key || words[^1] == single.Key))
                .Select(e => Root(e.Order)).Distinct().ToList();
            if (fuller.Count == 1)
            {
                parent[Root(single.Order)] = fuller[0];
            }
        }
    }
}
