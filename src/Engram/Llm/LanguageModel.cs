using System.ClientModel;
using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Engram.Llm;

/// The configured chat model (`Engram:Llm`), asked one thing at a time. Each attempt has its own
/// deadline; a 408, 429 or 5xx answer, a network failure or a missed deadline is tried again, at
/// most twice, after a growing pause (or the endpoint's Retry-After, capped). What is left becomes
/// one <see cref="LanguageModelException"/> sentence for the caller to log as its reason to fall
/// back. The log names the purpose, attempts and time taken: never the key, the prompt or the answer.
public sealed partial class LanguageModel(IChatClient chat, TimeSpan timeout, ILogger<LanguageModel> logger, TimeSpan? restAfterFailure = null)
{
    public const int MaxRetries = 2;
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    // After every attempt failed, the next calls fall back at once for a while: a dead endpoint
    // then costs one sample its retries, not each sample of a job.
    private readonly long restTicks = (long)((restAfterFailure ?? TimeSpan.FromSeconds(30)).TotalSeconds * Stopwatch.Frequency);
    private long restUntil;
    // Some OpenAI-compatible servers refuse `response_format`; once one has, prompts alone ask for JSON.
    private volatile bool jsonModeRefused;

    /// The model's text answer to `messages`, or a <see cref="LanguageModelException"/> saying why there is none.
    public async Task<string> AskAsync(string purpose, IReadOnlyList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Stopwatch.GetTimestamp() < Volatile.Read(ref restUntil))
        {
            throw new LanguageModelException("the language model failed a moment ago and is resting before the next try");
        }
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var asked = jsonModeRefused ? options.Clone() : options;
            if (jsonModeRefused)
            {
                asked.ResponseFormat = null;
            }
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            string reason;
            TimeSpan? retryAfter = null;
            try
            {
                var response = await chat.GetResponseAsync(messages, asked, deadline.Token);
                if (response.FinishReason == ChatFinishReason.Length)
                {
                    throw new LanguageModelException("the language model's answer was cut off at its length limit");
                }
                var milliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogAnswered(logger, purpose, attempt, milliseconds);
                return response.Text;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                reason = $"the language model did not answer within {timeout.TotalSeconds:0.###} seconds";
            }
            catch (ClientResultException failure) when (failure.Status == 400 && asked.ResponseFormat is not null)
            {
                // Asked again at once without it: a refusal of JSON mode is not a failure of the endpoint.
                jsonModeRefused = true;
                LogJsonModeRefused(logger, purpose);
                attempt--;
                continue;
            }
            catch (ClientResultException failure) when (failure.Status is 0 or 408 or 429 or >= 500)
            {
                reason = failure.Status == 0
                    ? $"the language model could not be reached ({(failure.InnerException ?? failure).Message.TrimEnd('.')})"
                    : $"the language model answered {failure.Status}";
                retryAfter = RetryAfter(failure);
            }
            catch (ClientResultException failure)
            {
                throw new LanguageModelException($"the language model answered {failure.Status}", failure);
            }
            catch (HttpRequestException failure)
            {
                reason = $"the language model could not be reached ({failure.Message.TrimEnd('.')})";
            }
            if (attempt > MaxRetries)
            {
                Volatile.Write(ref restUntil, Stopwatch.GetTimestamp() + restTicks);
                throw new LanguageModelException($"{reason} ({attempt} attempts)");
            }
            var pause = retryAfter is { } given ? Min(given, LongestPause) : Min(FirstPause * Math.Pow(4, attempt - 1), LongestPause);
            LogRetrying(logger, purpose, attempt, reason, (long)pause.TotalMilliseconds);
            await Task.Delay(pause, cancellationToken);
        }
    }

    /// The endpoint's Retry-After in seconds, when it sent one.
    private static TimeSpan? RetryAfter(ClientResultException failure) =>
        failure.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var value) == true
        && double.TryParse(value, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Language model: {Purpose} answered on attempt {Attempt} after {Milliseconds} ms")]
    private static partial void LogAnswered(ILogger logger, string purpose, int attempt, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language model: {Purpose} attempt {Attempt} failed ({Reason}); trying again in {Milliseconds} ms")]
    private static partial void LogRetrying(ILogger logger, string purpose, int attempt, string reason, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Language model: the endpoint refused JSON mode for {Purpose}; the prompts alone ask for JSON from now on")]
    private static partial void LogJsonModeRefused(ILogger logger, string purpose);
}
