using Engram.Graph;

namespace Engram.Llm;

/// The entities of one extraction, merged by name: an entity listed twice, or listed under a
/// name another gave as an alias, is one entity with every name it goes by.
public sealed class EntityNames
{
    private readonly List<(string Name, string Kind, List<string> Aliases)> entities = [];
    private readonly Dictionary<string, int> byName = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string name, string kind, IEnumerable<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        var names = aliases.Prepend(name).ToList();
        var index = names.Select(n => byName.TryGetValue(n, out var i) ? i : -1).FirstOrDefault(i => i >= 0, -1);
        if (index < 0)
        {
            index = entities.Count;
            entities.Add((name, kind, []));
        }
        var entity = entities[index];
        foreach (var other in names)
        {
            if (byName.TryAdd(other, index) && !other.Equals(entity.Name, StringComparison.OrdinalIgnoreCase))
            {
                entity.Aliases.Add(other);
            }
        }
    }

    /// The canonical name `name` stands for, or null when no entity goes by it.
    public string? Canonical(string name) => byName.TryGetValue(name, out var index) ? entities[index].Name : null;

    public IReadOnlyList<ExtractedEntity> All() => entities.Select(e => new ExtractedEntity(e.Name, e.Kind, e.Aliases.ToList())).ToList();
}
