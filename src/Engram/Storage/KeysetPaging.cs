using System.Data.Common;
using Engram.Paging;

namespace Engram.Storage;

/// A list in a fixed order over two columns, the sort key and the unique id that breaks ties.
/// `Query` is the SELECT with its filters and a trailing `WHERE`/`AND`-ready condition list;
/// the pager appends the keyset condition, so every page is an index seek, never an OFFSET.
public sealed record KeysetList(string Query, string KeyColumn, string IdColumn, bool Descending);

/// The paging algorithm both backends share. A page fetches limit + 1 rows from its cursor
/// (the extra row says whether more exist that way) and, when it came from a cursor, asks one
/// indexed EXISTS for the other way, so both tokens are exact even after deletes.
public static class KeysetPaging
{
    public static async Task<Page<T>> ReadPageAsync<T>(
        DbConnection connection, KeysetList list, Action<DbCommand> bindFilters, PageRequest request,
        Func<DbDataReader, (T Item, Position Position)> read, CancellationToken cancellationToken)
    {
        var cursor = request.Cursor;
        var backward = cursor?.Direction == PageDirection.Before;
        var rows = new List<(T Item, Position Position)>(Math.Min(request.Limit + 1, 101));

        await using (var command = connection.CreateCommand())
        {
            var sql = list.Query;
            if (cursor is not null)
            {
                var op = backward ? BeforeOp(list, cursor.Inclusive) : AfterOp(list, cursor.Inclusive);
                sql += $" AND ({list.KeyColumn}, {list.IdColumn}) {op} (@cursor_key, @cursor_id)";
                Add(command, "cursor_key", cursor.Position.Key);
                Add(command, "cursor_id", cursor.Position.Id);
            }
            var descending = list.Descending != backward;
            var order = descending ? "DESC" : "ASC";
            command.CommandText = $"{sql} ORDER BY {list.KeyColumn} {order}, {list.IdColumn} {order} LIMIT @take";
            Add(command, "take", request.Limit + 1);
            bindFilters(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
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
                : rows.Count > 0 ? await CursorIfAnyAsync(PageDirection.Before, rows[0].Position, false)
                : await CursorIfAnyAsync(PageDirection.Before, cursor.Position, !cursor.Inclusive);
        }
        else
        {
            previous = more ? new Cursor(PageDirection.Before, rows[0].Position) : null;
            next = rows.Count > 0 ? await CursorIfAnyAsync(PageDirection.After, rows[^1].Position, false)
                : await CursorIfAnyAsync(PageDirection.After, cursor!.Position, !cursor.Inclusive);
        }
        var items = new T[rows.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = rows[i].Item;
        }
        return new Page<T>(items, next, previous);

        // A cursor towards `direction` from `position`, if at least one row lies that way.
        async Task<Cursor?> CursorIfAnyAsync(PageDirection direction, Position position, bool inclusive)
        {
            var op = direction == PageDirection.After ? AfterOp(list, inclusive) : BeforeOp(list, inclusive);
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"SELECT EXISTS ({list.Query} AND ({list.KeyColumn}, {list.IdColumn}) {op} (@cursor_key, @cursor_id))";
            Add(command, "cursor_key", position.Key);
            Add(command, "cursor_id", position.Id);
            bindFilters(command);
            var any = Convert.ToBoolean(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return any ? new Cursor(direction, position, inclusive) : null;
        }
    }

    // In list order, "after" a position means a smaller key when the list is newest first.
    private static string AfterOp(KeysetList list, bool inclusive) => (list.Descending ? "<" : ">") + (inclusive ? "=" : "");
    private static string BeforeOp(KeysetList list, bool inclusive) => (list.Descending ? ">" : "<") + (inclusive ? "=" : "");

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
