using System.Data.Common;

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

    /// Applies every script of `backend` newer than the newest one schema_migrations records, and
    /// records each. The caller has created schema_migrations and holds, on `connection`, the
    /// transaction and the lock (its backend's own) that keep two processes starting at once from
    /// applying a script twice; both backends' connections put new commands in that transaction.
    public static async Task ApplyAsync(DbConnection connection, string backend, CancellationToken cancellationToken)
    {
        var applied = Convert.ToInt32(await connection.ScalarAsync("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
        foreach (var script in For(backend))
        {
            if (script.Version <= applied)
            {
                continue;
            }
            await connection.ExecuteAsync(script.Sql, cancellationToken);
            await using var record = connection.CreateCommand();
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)";
            record.With("@version", script.Version).With("@name", script.Name).With("@at", UnixMs.From(UnixMs.Now()));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
    }

}
