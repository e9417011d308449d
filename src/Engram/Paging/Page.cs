namespace Engram.Paging;

/// Which list a token belongs to; a token minted for one is refused by the others.
public enum Resource : byte { Sessions = 1, Messages = 2, Users = 3, Files = 4, Memories = 5, Samples = 6, Entities = 7, Facts = 8 }

public enum PageDirection : byte { After = 1, Before = 2 }

/// A place in a list's order: the sort key (milliseconds or a sequence number) and the id
/// that breaks ties, so every position is unique.
public readonly record struct Position(long Key, string Id);

/// Where a page starts: the items after (or before) a position. `Inclusive` also takes the
/// position itself; it is used only when the page a token came from was empty.
public sealed record Cursor(PageDirection Direction, Position Position, bool Inclusive = false);

public sealed record PageRequest(int Limit, Cursor? Cursor);

/// A page of items in list order, with the cursors that lead to the neighbouring pages
/// (null exactly when there is nothing that way), and for a counted list the whole list's size.
public sealed record Page<T>(IReadOnlyList<T> Items, Cursor? Next, Cursor? Previous, long? TotalCount = null);
