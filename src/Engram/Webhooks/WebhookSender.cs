using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Engram.Storage;

namespace Engram.Webhooks;

/// Delivers the outbox, oldest first per memory: a memory's next webhook waits until the one
/// before it is delivered or dropped. A delivery that fails (not 2xx, or no answer within 10 s) is
/// retried with exponential backoff for about 10 minutes, then dropped with a log line. At least
/// once: a node that dies after the receiver answered but before the row is deleted sends it again.
public sealed partial class WebhookSender(IStore store, IHttpClientFactory clients, Operations.EngramMetrics metrics,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string ClientName = "webhooks";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(2);
    /// 1+2+4+…+64 s, then 2 min apiece: about 10 minutes in all.
    private const int MaxAttempts = 11;

    private readonly StorageOutageLog _outage = new(logger, "Webhooks", "deliveries wait and go on when storage answers again", "deliveries go on");

    private sealed record Delivery(long Seq, string Account, string MemoryId, string Url, string Body, int Attempts);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Looked for first, claimed only when there: the claim is a write, the look is not.
                var due = await AnyDueAsync(stoppingToken) ? await ClaimAsync(stoppingToken) : [];
                _outage.Answered();
                if (due.Count == 0)
                {
                    await Task.Delay(Poll, stoppingToken);
                    continue;
                }
                // One memory's deliveries are in order; different memories' go out side by side.
                await Task.WhenAll(due.Select(delivery => DeliverAsync(delivery, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // An outage is said once, not every tick; a delivery it interrupted is sent again after its lease.
                if (!_outage.Failed(e))
                {
                    LogSenderError(e);
                }
                await Task.Delay(Poll, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// Whether any delivery is due and free: a read, so that an idle sender's poll four times a second
    /// takes no turn in the write queue (on SQLite, a place in the group commit of the sessions API's writes).
    private Task<bool> AnyDueAsync(CancellationToken cancellationToken) =>
        store.ReadAsync(async db =>
        {
            var now = UnixMs.From(UnixMs.Now());
            return await db.Command("""
                SELECT COUNT(*) FROM (SELECT 1 FROM webhook_deliveries
                                      WHERE next_attempt_at <= @now AND (lease_until IS NULL OR lease_until < @now) LIMIT 1) d
                """).With("@now", now).ScalarInt64Async(cancellationToken) > 0;
        }, cancellationToken);

    /// The head of each memory's queue that is due and not held by another sender, leased to this one.
    private Task<List<Delivery>> ClaimAsync(CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            var now = UnixMs.From(UnixMs.Now());
            var due = new List<Delivery>();
            await using (var reader = await db.Command("""
                SELECT d.seq, d.account_id, d.memory_id, d.url, d.body, d.attempts FROM webhook_deliveries d
                WHERE d.next_attempt_at <= @now AND (d.lease_until IS NULL OR d.lease_until < @now)
                  AND d.seq = (SELECT MIN(h.seq) FROM webhook_deliveries h WHERE h.account_id = d.account_id AND h.memory_id = d.memory_id)
                ORDER BY d.seq LIMIT 16
                """).With("@now", now).ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    due.Add(new Delivery(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                        reader.GetString(4), (int)reader.GetInt64(5)));
                }
            }
            var claimed = new List<Delivery>(due.Count);
            foreach (var delivery in due)
            {
                // Only one node's UPDATE finds the lease still free.
                if (await db.Command("""
                    UPDATE webhook_deliveries SET lease_until = @until WHERE seq = @seq AND (lease_until IS NULL OR lease_until < @now)
                    """).With("@until", now + (long)Lease.TotalMilliseconds).With("@seq", delivery.Seq).With("@now", now)
                    .ExecuteNonQueryAsync(cancellationToken) == 1)
                {
                    claimed.Add(delivery);
                }
            }
            return claimed;
        }, cancellationToken);

    private async Task DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        string? failure;
        try
        {
            var secret = await WebhookSecrets.GetAsync(store, delivery.Account, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
            {
                Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("X-Engram-Signature", WebhookSecrets.Sign(secret, delivery.Body, DateTimeOffset.UtcNow));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            failure = response.IsSuccessStatusCode ? null : $"answered {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException or UriFormatException
            && !cancellationToken.IsCancellationRequested)
        {
            failure = e is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : e.Message;
        }
        metrics.WebhookDeliveries.Add(1, Operations.EngramMetrics.Outcome(failure is null, "delivered"));
        await store.WriteAsync(async db =>
        {
            if (failure is null || delivery.Attempts + 1 >= MaxAttempts)
            {
                if (failure is not null)
                {
                    LogDropped(delivery.MemoryId, delivery.Url, delivery.Attempts + 1, failure);
                }
                return await db.Command("DELETE FROM webhook_deliveries WHERE seq = @seq").With("@seq", delivery.Seq)
                    .ExecuteNonQueryAsync(CancellationToken.None);
            }
            var wait = TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstRetry.Ticks << Math.Min(delivery.Attempts, 20)));
            return await db.Command("""
                UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = @next, lease_until = NULL WHERE seq = @seq
                """).With("@next", UnixMs.From(UnixMs.Now() + wait)).With("@seq", delivery.Seq).ExecuteNonQueryAsync(CancellationToken.None);
        }, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhooks: the sender failed; it goes on")]
    private partial void LogSenderError(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhooks: dropped a webhook of memory {MemoryId} to {Url} after {Attempts} attempts (last: {Failure})")]
    private partial void LogDropped(string memoryId, string url, int attempts, string failure);
}

/// Each account's webhook secret lives with the other shared secrets in the database; a receiver
/// checks `X-Engram-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` with it.
public static class WebhookSecrets
{
    /// The secret as `engram webhooks secret` prints it; its UTF-8 bytes are the HMAC key.
    public static async Task<string> GetAsync(IStore store, string account, CancellationToken cancellationToken) =>
        "whsec_" + Convert.ToHexStringLower(await store.GetOrCreateSecretAsync("webhook_secret:" + account, cancellationToken));

    public static string Sign(string secret, string body, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
