using System.Data.Common;
using Engram.Paging;

namespace Engram.Storage;

/// The paging algorithm both backends share. A page fetches limit + 1 rows from its cursor
/// (the extra row says whether more exist that way). A page that came from a cursor also needs to
/// know whether anything lies the other way; it learns that from the same statement (the cursor's
/// own row, or an EXISTS column), so a deep page costs one index seek like the first page, and
/// both tokens stay exact even after deletes.
public static class KeysetPaging
{
    /// `command` gives a command for an SQL text, with no parameters, on the caller's connection
    /// and in its transaction if it has one (SQLite hands out its prepared ones). The pager
    /// neither keeps nor disposes them.
    public static async Task<Page<T>> ReadPageAsync<T>(
        Func<string, DbCommand> command, KeysetList list, Action<DbCommand> bindFilters, PageRequest request,
        Func<DbDataReader, Position, T> read, Func<DbDataReader, Position> positionOf, CancellationToken cancellationToken)
    {
        var cursor = request.Cursor;
        var backward = cursor?.Direction == PageDirection.Before;
        // Every token a non-empty page mints is exclusive: its page starts right after the row it
        // names. That row is then read too (one more row from the same index seek): when it is still
        // there, it is the proof that something lies the other way, and costs no second seek.
        var peek = cursor is { Inclusive: false };
        var rows = new List<(T Item, Position Position)>(request.Limit);
        var more = false;
        bool? otherWay = null;

        // An inclusive cursor (from an empty page) asks the other way in the same statement.
        var page = command(list.PageSql(cursor is null ? PageShape.First : peek ? PageShape.FromCursorRow : PageShape.AskingTheOtherWay, backward));
        if (cursor is not null)
        {
            Add(page, "@cursor_key", cursor.Position.Key);
            Add(page, "@cursor_id", cursor.Position.Id);
        }
        Add(page, "@take", request.Limit + (peek ? 2 : 1));
        bindFilters(page);
        long? total = null;
        await using (var reader = await page.ExecuteReaderAsync(cancellationToken))
        {
            var first = true;
            while (await reader.ReadAsync(cancellationToken))
            {
                var position = positionOf(reader);
                if (list.Counted)
                {
                    total ??= reader.GetInt64(reader.FieldCount - 1);
                }
                if (first && cursor is not null)
                {
                    first = false;
                    if (!peek)
                    {
                        otherWay = reader.GetBoolean(reader.FieldCount - (list.Counted ? 2 : 1));
                    }
                    else if (position == cursor.Position)
                    {
                        otherWay = true; // the cursor's own row: proof enough, and not part of the page
                        continue;
                    }
                }
                if (rows.Count == request.Limit)
                {
                    more = true; // a row past the page: proof that more lie this way, never built
                    break;
                }
                rows.Add((read(reader, position), position));
            }
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
                : rows.Count > 0 && otherWay is { } known ? (known ? new Cursor(PageDirection.Before, rows[0].Position) : null)
                // The cursor's row is gone, or the page is empty: ask (in the caller's transaction, if any).
                : rows.Count > 0 ? await CursorIfAnyAsync(PageDirection.Before, rows[0].Position, false)
                : await CursorIfAnyAsync(PageDirection.Before, cursor.Position, !cursor.Inclusive);
        }
        else
        {
            previous = more ? new Cursor(PageDirection.Before, rows[0].Position) : null;
            next = rows.Count > 0 && otherWay is { } known ? (known ? new Cursor(PageDirection.After, rows[^1].Position) : null)
                : rows.Count > 0 ? await CursorIfAnyAsync(PageDirection.After, rows[^1].Position, false)
                : await CursorIfAnyAsync(PageDirection.After, cursor!.Position, !cursor.Inclusive);
        }
        var items = new T[rows.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = rows[i].Item;
        }
        if (list.Counted && total is null)
        {
            // No row, so no count column: count on its own. Like the look the other way above,
            // it sees the list as it is now, not in the page statement's snapshot.
            var count = command(list.CountSql);
            bindFilters(count);
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        return new Page<T>(items, next, previous, total);

        // A cursor towards `direction` from `position`, if at least one row lies that way.
        async Task<Cursor?> CursorIfAnyAsync(PageDirection direction, Position position, bool inclusive)
        {
            var exists = command(list.ExistsSql(after: direction == PageDirection.After, inclusive));
            Add(exists, "@cursor_key", position.Key);
            Add(exists, "@cursor_id", position.Id);
            bindFilters(exists);
            var any = Convert.ToBoolean(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return any ? new Cursor(direction, position, inclusive) : null;
        }
    }

    /// Binds a parameter, as SqlCommands.With does.
    public static void Add(DbCommand command, string name, object? value) => command.With(name, value);
}
