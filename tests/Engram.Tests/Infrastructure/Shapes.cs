using System.Text.RegularExpressions;

namespace Engram.Tests.Infrastructure;

public static partial class Shapes
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    public static partial Regex Timestamp();

    [GeneratedRegex(@"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    public static partial Regex UuidV7();

    public static string[] Names(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name).ToArray();

    public static void AssertTimestamp(JsonElement value) => Assert.Matches(Timestamp(), value.GetString());

    public static void AssertSession(JsonElement session)
    {
        Assert.Equal(["id", "userID", "customerUserID", "metadata", "createdAt", "updatedAt", "deletedAt", "endedAt"], Names(session));
        AssertTimestamp(session.GetProperty("createdAt"));
        AssertTimestamp(session.GetProperty("updatedAt"));
        Assert.Equal(JsonValueKind.Array, session.GetProperty("metadata").ValueKind);
    }

    public static string[] Ids(JsonElement list, string plural) =>
        list.GetProperty(plural).EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray();
}
