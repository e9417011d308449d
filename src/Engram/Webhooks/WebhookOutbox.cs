using System.Text.Json;
using Engram.Storage;

namespace Engram.Webhooks;

/// duohub's status webhook body: `{"event":{memoryID, batchID, totalSamples, processedSamples, status, message}, "timestamp"}`.
public sealed record WebhookEvent(string MemoryID, string BatchID, long TotalSamples, long ProcessedSamples, string Status, string Message);

public sealed record WebhookBody(WebhookEvent Event, DateTime Timestamp);

/// Status webhooks are written to the outbox in the same transaction as the state they report, so
/// none is lost and none reports what did not commit; WebhookSender delivers them in order per memory.
public static class WebhookOutbox
{
    public static async Task EnqueueAsync(ISqlConnection db, string account, string memoryId, string? url, WebhookEvent @event,
        CancellationToken cancellationToken)
    {
        if (url is null)
        {
            return;
        }
        var now = UnixMs.Now();
        var body = JsonSerializer.Serialize(new WebhookBody(@event, now), WebhookJson.Default.WebhookBody);
        await db.Command("""
            INSERT INTO webhook_deliveries (account_id, memory_id, url, body, attempts, next_attempt_at, lease_until, created_at)
            VALUES (@account, @memory, @url, @body, 0, @at, NULL, @at)
            """).With("@account", account).With("@memory", memoryId).With("@url", url).With("@body", body)
            .With("@at", UnixMs.From(now)).ExecuteNonQueryAsync(cancellationToken);
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    Converters = [typeof(Json.UtcMillisecondsConverter)])]
[System.Text.Json.Serialization.JsonSerializable(typeof(WebhookBody))]
internal sealed partial class WebhookJson : System.Text.Json.Serialization.JsonSerializerContext;
