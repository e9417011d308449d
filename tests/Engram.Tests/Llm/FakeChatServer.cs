using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Engram.Tests.Llm;

/// One request the fake chat endpoint received: its path, bearer header, system and user prompts, and whether JSON mode was asked.
public sealed record ChatRequest(string Path, string? Authorization, string Model, string System, string User, bool JsonMode);

/// An OpenAI-compatible chat endpoint on 127.0.0.1 answering from fixtures, under a path per
/// behaviour: `/ok/v1` answers `Reply(request)`; `/fail/v1` answers 500; `/busy/v1` answers 429
/// twice, then as /ok; `/slow/v1` never answers; `/garbage/v1` answers text that is not JSON;
/// `/cut/v1` answers with finish_reason "length"; `/nojson/v1` answers 400 to JSON mode, else as /ok.
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication app = LocalSite.Loopback();
    private readonly ConcurrentDictionary<string, int> calls = new();
    private Uri address = null!;

    public ConcurrentQueue<ChatRequest> Requests { get; } = new();

    /// What /ok answers; the test sets it. Null answers an empty object.
    public Func<ChatRequest, string>? Reply { get; set; }

    public static async Task<FakeChatServer> StartAsync()
    {
        var server = new FakeChatServer();
        server.app.MapPost("/{behaviour}/v1/chat/completions", server.AnswerAsync);
        server.address = await LocalSite.StartAsync(server.app);
        return server;
    }

    public string Endpoint(string behaviour) => new Uri(address, $"/{behaviour}/v1").ToString();

    public int Count(string behaviour) => Requests.Count(r => r.Path.StartsWith($"/{behaviour}/", StringComparison.Ordinal));

    private async Task<IResult> AnswerAsync(string behaviour, HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var root = body.RootElement;
        var request = new ChatRequest(context.Request.Path.Value!, context.Request.Headers.Authorization.FirstOrDefault(),
            root.GetProperty("model").GetString()!, Prompt(root, "system"), Prompt(root, "user"),
            root.TryGetProperty("response_format", out var format) && format.GetProperty("type").GetString() == "json_object");
        Requests.Enqueue(request);
        var call = calls.AddOrUpdate(behaviour, 1, (_, n) => n + 1);
        switch (behaviour)
        {
            case "fail":
                return Results.Json(new { error = new { message = "boom", type = "server_error" } }, statusCode: 500);
            case "busy" when call <= 2:
                context.Response.Headers.RetryAfter = "0";
                return Results.Json(new { error = new { message = "slow down", type = "rate_limit" } }, statusCode: 429);
            case "slow":
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return Results.Ok();
            case "garbage":
                return Completion("Sure! Here is the JSON you asked for: {\"entities\": [", "stop");
            case "cut":
                return Completion("{\"entities\": [{\"name\": \"Ann", "length");
            case "nojson" when request.JsonMode:
                return Results.Json(new { error = new { message = "response_format is not supported", type = "invalid_request_error" } }, statusCode: 400);
            default:
                return Completion(Reply?.Invoke(request) ?? "{}", "stop");
        }
    }

    private static IResult Completion(string content, string finishReason) => Results.Json(new
    {
        id = "chatcmpl-fake",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "fake-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = finishReason } },
        usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
    });

    /// A message's text, whether sent as a string or as a list of text parts.
    private static string Prompt(JsonElement root, string role) => string.Concat(root.GetProperty("messages").EnumerateArray()
        .Where(m => m.GetProperty("role").GetString() == role)
        .Select(m => m.GetProperty("content") is { ValueKind: JsonValueKind.String } text
            ? text.GetString()
            : string.Concat(m.GetProperty("content").EnumerateArray().Select(part => part.GetProperty("text").GetString()))));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
