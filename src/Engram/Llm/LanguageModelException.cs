namespace Engram.Llm;

/// Why the language model gave nothing usable, as one sentence that callers log when they fall
/// back to the built-in path. It never quotes the prompt, the answer or the key.
public sealed class LanguageModelException : Exception
{
    public LanguageModelException(string message) : base(message) { }

    public LanguageModelException(string message, Exception innerException) : base(message, innerException) { }
}
