namespace Engram.Auth;

/// The account behind the request's API key. Handlers take it as a parameter; it exists only
/// for requests that passed authentication.
public sealed record Caller(string AccountId)
{
    public static ValueTask<Caller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Features.Get<Caller>());
}
