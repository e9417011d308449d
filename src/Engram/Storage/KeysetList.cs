namespace Engram.Storage;

/// A list in a fixed order over two columns, the sort key and the unique id that breaks ties.
/// `source` is the FROM clause with its filters (`table WHERE …`); every statement adds the keyset
/// condition to it, so every page is an index seek, never an OFFSET. A `counted` list's pages also
/// carry, as their last column, the number of rows in the whole list, counted by the same statement
/// (so in the same snapshot as the page). The statements are built here once per list, not on
/// every request.
public sealed class KeysetList
{
    // Indexed by PageIndex and ExistsIndex.
    private readonly string[] _pages = new string[6];
    private readonly string[] _exists = new string[4];

    public KeysetList(string columns, string source, string keyColumn, string idColumn, bool descending, bool counted = false)
    {
        Counted = counted;
        CountSql = $"SELECT COUNT(*) FROM {source}";
        var count = counted ? $", ({CountSql})" : "";
        foreach (var backward in (bool[])[false, true])
        {
            var order = descending != backward ? "DESC" : "ASC";
            var tail = $" ORDER BY {keyColumn} {order}, {idColumn} {order} LIMIT @take";
            _pages[PageIndex(PageShape.First, backward)] = $"SELECT {columns}{count} FROM {source}{tail}";
            _pages[PageIndex(PageShape.FromCursorRow, backward)] = $"SELECT {columns}{count} FROM {source} AND {Seek(!backward, true)}{tail}";
            _pages[PageIndex(PageShape.AskingTheOtherWay, backward)] =
                $"SELECT {columns}, EXISTS (SELECT 1 FROM {source} AND {Seek(backward, false)}){count}"
                + $" FROM {source} AND {Seek(!backward, true)}{tail}";
        }
        foreach (var after in (bool[])[false, true])
        {
            foreach (var inclusive in (bool[])[false, true])
            {
                _exists[ExistsIndex(after, inclusive)] = $"SELECT EXISTS (SELECT 1 FROM {source} AND {Seek(after, inclusive)})";
            }
        }

        // The keyset condition "after (or before) the cursor position", in list order: after a
        // position means a smaller key when the list is newest first.
        string Seek(bool after, bool inclusive) =>
            $"({keyColumn}, {idColumn}) {(after == descending ? "<" : ">")}{(inclusive ? "=" : "")} (@cursor_key, @cursor_id)";
    }

    /// Whether every page statement ends with the list's row count.
    public bool Counted { get; }

    /// Every row of the list: SELECT COUNT(*) with the list's filters.
    public string CountSql { get; }

    /// A page's SELECT, taking @take rows (and @cursor_key, @cursor_id unless it is the first page).
    public string PageSql(PageShape shape, bool backward) => _pages[PageIndex(shape, backward)];

    /// Whether any row lies after (or before) @cursor_key, @cursor_id.
    public string ExistsSql(bool after, bool inclusive) => _exists[ExistsIndex(after, inclusive)];

    private static int PageIndex(PageShape shape, bool backward) => (int)shape * 2 + (backward ? 1 : 0);

    private static int ExistsIndex(bool after, bool inclusive) => (after ? 2 : 0) + (inclusive ? 1 : 0);
}

public enum PageShape
{
    /// No cursor: the list's first page.
    First,
    /// From an exclusive cursor, reading the cursor's own row first (see KeysetPaging).
    FromCursorRow,
    /// From an inclusive cursor, with an EXISTS column for the other way.
    AskingTheOtherWay,
}
