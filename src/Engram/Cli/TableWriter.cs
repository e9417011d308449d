using System.Globalization;

namespace Engram.Cli;

/// Plain-text output for people: fixed-width columns, so a list can be printed page by page as
/// it streams in without knowing the widest value first; and `name  value` lines for one record.
internal sealed class TableWriter(TextWriter output, params (string Header, int Width)[] columns)
{
    public Task WriteHeaderAsync() => WriteRowAsync([.. columns.Select(c => c.Header)]);

    /// Cells wider than their column push the rest of the row right rather than being cut, so an
    /// id is always whole; only the last column (free text) is shortened.
    public Task WriteRowAsync(params string[] cells)
    {
        var line = new System.Text.StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i == cells.Length - 1)
            {
                line.Append(Shorten(cells[i], 60));
                break;
            }
            line.Append(cells[i].PadRight(columns[i].Width - 2)).Append("  ");
        }
        return output.WriteLineAsync(line.ToString().TrimEnd());
    }

    public static async Task WriteFieldsAsync(TextWriter output, params (string Name, string? Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            await output.WriteLineAsync($"{name,-16}{value ?? "-"}");
        }
    }

    public static string Time(DateTime? value) =>
        value?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    /// One line of at most `max` characters: newlines become spaces, the cut is marked with an ellipsis.
    public static string Shorten(string text, int max)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= max ? flat : string.Concat(flat.AsSpan(0, max - 1), "…");
    }
}
