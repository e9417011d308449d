namespace Engram.Json;

/// `{"status":"success","data":...}`
public sealed record Success<T>(string Status, T Data);

public static class Success
{
    public static Success<T> Of<T>(T data) => new("success", data);
}

/// `{"status":"success","message":"Session deleted successfully"}`
public sealed record Deleted(string Status, string Message)
{
    public static Deleted Of(string thing) => new("success", $"{thing} deleted successfully");
}
