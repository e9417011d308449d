using Microsoft.ML.Tokenizers;

namespace Engram.Retrieval;

/// Counts tokens as OpenAI's cl100k_base does, for `token_count` in retrieval answers (what old
/// duohub clients budget their prompts with). The vocabulary ships in a package and loads on
/// first use; the tokenizer is immutable, so one instance serves every thread.
public static class TokenCounter
{
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    public static int Count(string text) => string.IsNullOrEmpty(text) ? 0 : Cl100k.Value.CountTokens(text);
}
