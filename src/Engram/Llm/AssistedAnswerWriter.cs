using System.Text;
using System.Text.Json;
using Engram.Retrieval;
using Microsoft.Extensions.AI;

namespace Engram.Llm;

/// One sentence written by the language model from what retrieval found (`assisted=true`).
/// `FromMemory` false: the memory held nothing that answers, and the sentence says so.
public sealed record WrittenAnswer(string Sentence, bool FromMemory);

/// Asks the language model to answer a question in one sentence from the retrieved passages
/// only, and to say it does not know when they hold nothing relevant. Null when the model fails
/// or answers unusably: the caller then gives the built-in answer, and the log says why.
public sealed partial class AssistedAnswerWriter(LanguageModel model, ILogger<AssistedAnswerWriter> logger)
{
    public const string DontKnow = "I don't know: nothing in memory answers that.";
    // A voice answer: a long one is not one sentence, whatever its full stops say.
    public const int MaxSentenceChars = 500;
    // The best passages that fit about 3,000 tokens; the rest rarely change the answer.
    private const int EvidenceChars = 12_000;

    private const string Rules = """
        You answer a question for a voice assistant using only the numbered memory passages given.
        Answer with one JSON object and nothing else: {"found": true or false, "answer": "one sentence"}.
        - "found" is true only when the passages contain what answers the question.
        - When found, "answer" is ONE short spoken sentence that answers the question from the passages alone,
          with names and dates as the passages give them. Never add anything the passages do not say.
        - When not found, "answer" is "" and found is false. Do not guess.
        """;

    private static readonly ChatOptions Options = new()
    {
        ResponseFormat = ChatResponseFormat.Json,
        Temperature = 0,
        MaxOutputTokens = 300,
    };

    /// `evidence`: what retrieval found, best first, each with its date when it has one.
    public async Task<WrittenAnswer?> WriteAsync(string question, IReadOnlyList<string> evidence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        try
        {
            var answer = await model.AskAsync("assisted answer", Prompt(question, evidence), Options, cancellationToken);
            return Read(answer);
        }
        catch (LanguageModelException failure)
        {
            LogFellBack(logger, failure.Message);
            return null;
        }
    }

    private static List<ChatMessage> Prompt(string question, IReadOnlyList<string> evidence)
    {
        var passages = new StringBuilder();
        for (var i = 0; i < evidence.Count && (i == 0 || passages.Length + evidence[i].Length < EvidenceChars); i++)
        {
            passages.Append('[').Append(i + 1).Append("] ").Append(evidence[i].ReplaceLineEndings(" ")).Append('\n');
        }
        return
        [
            new ChatMessage(ChatRole.System, Rules),
            new ChatMessage(ChatRole.User, $"Memory passages:\n{passages}\nQuestion: {question}"),
        ];
    }

    /// The model's JSON as an answer: one sentence when found, the fixed "don't know" sentence when not.
    public static WrittenAnswer Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text.Trim().Trim('`'));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("found", out var found) || found.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new LanguageModelException("the language model's answer has no true or false \"found\"");
            }
            if (!found.GetBoolean())
            {
                return new WrittenAnswer(DontKnow, FromMemory: false);
            }
            var sentence = root.TryGetProperty("answer", out var value) && value.ValueKind == JsonValueKind.String
                ? SupportingFacts.Sentences(value.GetString()!).FirstOrDefault()
                : null;
            return sentence switch
            {
                null => throw new LanguageModelException("the language model found an answer but wrote no sentence"),
                { Length: > MaxSentenceChars } => throw new LanguageModelException($"the language model's sentence is over {MaxSentenceChars} characters"),
                _ => new WrittenAnswer(sentence, FromMemory: true),
            };
        }
        catch (JsonException)
        {
            throw new LanguageModelException("the language model's answer is not JSON");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Language model: the assisted answer fell back to the best supporting fact: {Reason}")]
    private static partial void LogFellBack(ILogger logger, string reason);
}
