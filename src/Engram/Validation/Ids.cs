namespace Engram.Validation;

public static class Ids
{
    /// Generated ids are lowercase UUIDv7: unique across nodes and roughly time-ordered.
    public static string New() => Guid.CreateVersion7().ToString();
}
