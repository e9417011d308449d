using System.Data.Common;
using Engram.Paging;

namespace Engram.Storage;

/// A list in a fixed order over two columns, the sort key and the unique id that breaks ties.
/// `Source` is the FROM clause with its filters (`table WHERE …`); the pager appends the keyset
/// condition, so every page is an index seek, never an OFFSET.
public sealed record KeysetList(string Columns, string Source, string KeyColumn, string IdColumn, bool Descending);

/// The paging algorithm both backends share. A page fetches limit + 1 rows from its cursor
/// (the extra row says whether more exist that way). A page that came from a cursor also needs to
/// know whether anything lies the other way: the page's own statement asks that with one indexed
/// EXISTS, so a deep page costs one statement like the first page does, and both tokens stay exact
/// even after deletes.
public static class KeysetPaging
{
    /// `command` gives a command for an SQL text, with no parameters, in the caller's transaction
    /// (SQLite hands out its prepared ones). The pager neither keeps nor disposes them.
    public static async Task<Page<T>> ReadPageAsync<T>(
        Func<string, DbCommand> command, KeysetList list, Action<DbCommand> bindFilters, PageRequest request,
        Func<DbDataReader, (T Item, Position Position)> read, CancellationToken cancellationToken)
    {
        var cursor = request.Cursor;
        var backward = cursor?.Direction == PageDirection.Before;
        var rows = new List<(T Item, Position Position)>(Math.Min(request.Limit + 1, 101));
        var otherWay = false;

        var descending = list.Descending != backward;
        var order = descending ? "DESC" : "ASC";
        var tail = $" ORDER BY {list.KeyColumn} {order}, {list.IdColumn} {order} LIMIT @take";
        var page = command(cursor is null
            ? $"SELECT {list.Columns} FROM {list.Source}{tail}"
            // The rows the other way from the cursor are those before the page's first row (after its
            // last, going backward): the same question whatever the page holds, so it is asked here.
            : $"SELECT {list.Columns}, EXISTS (SELECT 1 FROM {list.Source} AND {Seek(list, cursor, otherWay: true)})"
                + $" FROM {list.Source} AND {Seek(list, cursor, otherWay: false)}{tail}");
        if (cursor is not null)
        {
            Add(page, "cursor_key", cursor.Position.Key);
            Add(page, "cursor_id", cursor.Position.Id);
        }
        Add(page, "take", request.Limit + 1);
        bindFilters(page);
        await using (var reader = await page.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (rows.Count == 0 && cursor is not null)
                {
                    otherWay = reader.GetBoolean(reader.FieldCount - 1);
                }
                rows.Add(read(reader));
            }
        }

        var more = rows.Count > request.Limit;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        if (backward)
        {
            rows.Reverse();
        }

        Cursor? next, previous;
        if (!backward)
        {
            next = more ? new Cursor(PageDirection.After, rows[^1].Position) : null;
            previous = cursor is null ? null
                : rows.Count > 0 ? (otherWay ? new Cursor(PageDirection.Before, rows[0].Position) : null)
                : await CursorIfAnyAsync(PageDirection.Before, cursor.Position, !cursor.Inclusive);
        }
        else
        {
            previous = more ? new Cursor(PageDirection.Before, rows[0].Position) : null;
            next = rows.Count > 0 ? (otherWay ? new Cursor(PageDirection.After, rows[^1].Position) : null)
                : await CursorIfAnyAsync(PageDirection.After, cursor!.Position, !cursor.Inclusive);
        }
        var items = new T[rows.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = rows[i].Item;
        }
        return new Page<T>(items, next, previous);

        // An empty page (everything after its cursor was deleted) has no row to carry the answer:
        // a cursor towards `direction` from `position`, if at least one row lies that way.
        async Task<Cursor?> CursorIfAnyAsync(PageDirection direction, Position position, bool inclusive)
        {
            var op = direction == PageDirection.After ? AfterOp(list, inclusive) : BeforeOp(list, inclusive);
            var exists = command(
                $"SELECT EXISTS (SELECT 1 FROM {list.Source} AND ({list.KeyColumn}, {list.IdColumn}) {op} (@cursor_key, @cursor_id))");
            Add(exists, "cursor_key", position.Key);
            Add(exists, "cursor_id", position.Id);
            bindFilters(exists);
            var any = Convert.ToBoolean(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return any ? new Cursor(direction, position, inclusive) : null;
        }
    }

    /// The keyset condition of a page from `cursor`, or (otherWay) of the rows on the far side of it:
    /// after an exclusive cursor the page takes (key, id) > c, and the rows before it are (key, id) <= c.
    private static string Seek(KeysetList list, Cursor cursor, bool otherWay)
    {
        var forward = (cursor.Direction == PageDirection.After) != otherWay;
        var inclusive = cursor.Inclusive != otherWay;
        var op = forward ? AfterOp(list, inclusive) : BeforeOp(list, inclusive);
        return $"({list.KeyColumn}, {list.IdColumn}) {op} (@cursor_key, @cursor_id)";
    }

    // In list order, "after" a position means a smaller key when the list is newest first.
    private static string AfterOp(KeysetList list, bool inclusive) => (list.Descending ? "<" : ">") + (inclusive ? "=" : "");
    private static string BeforeOp(KeysetList list, bool inclusive) => (list.Descending ? ">" : "<") + (inclusive ? "=" : "");

    /// For backends whose commands are cheap to make (PostgreSQL prepares by SQL text on its own).
    public static Func<string, DbCommand> CommandsOf(DbConnection connection) => sql =>
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    };

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
