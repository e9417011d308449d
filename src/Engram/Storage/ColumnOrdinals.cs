using System.Data.Common;

namespace Engram.Storage;

/// Where a statement's columns are in its rows, looked up by name in the first result it returns
/// and then kept: a statement's text fixes its columns, so every later execution, on any
/// connection of either backend, has them in the same places. Keep one per statement shape (or
/// per family of statements that select the same columns first, as a KeysetList's pages do);
/// the lookup (GetOrdinal, a native call per column on SQLite) then runs once, not per row or
/// per request.
public sealed class ColumnOrdinals<T>(Func<DbDataReader, T> resolve) where T : class
{
    private T? _ordinals;

    // Two first executions may both resolve; they find the same ordinals, so either may win.
    public T Of(DbDataReader reader) => _ordinals ??= resolve(reader);
}
