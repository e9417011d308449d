namespace Engram.Json;

/// `{"status":"success","data":...}`
public sealed record Success<T>(string Status, T Data) where T : notnull;

public static class Success
{
    public static Success<T> Of<T>(T data) where T : notnull => new("success", data);
}

/// `{"status":"success","message":"Session deleted successfully"}`
public sealed record Deleted(string Status, string Message)
{
    public static Deleted Of(string thing) => new("success", $"{thing} deleted successfully");
}
