namespace Engram.Storage;

/// Numbered SQL files embedded from Storage/Migrations/<Backend>/NNNN_name.sql.
public sealed record MigrationScript(int Version, string Name, string Sql)
{
    public static IReadOnlyList<MigrationScript> For(string backend)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var prefix = $"migrations/{backend}/";
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var name = Path.GetFileNameWithoutExtension(resource[prefix.Length..]);
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), provider: System.Globalization.CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            scripts.Add(new MigrationScript(version, name, reader.ReadToEnd()));
        }
        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        return scripts;
    }
}
