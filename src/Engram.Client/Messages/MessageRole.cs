namespace Engram.Client;

/// <summary>The roles a message can have. Plain strings on the wire, so a role the server adds later still reads.</summary>
public static class MessageRoles
{
    /// <summary><c>norole</c></summary>
    public const string NoRole = "norole";

    /// <summary><c>system</c></summary>
    public const string System = "system";

    /// <summary><c>assistant</c></summary>
    public const string Assistant = "assistant";

    /// <summary><c>user</c></summary>
    public const string User = "user";

    /// <summary><c>function</c></summary>
    public const string Function = "function";

    /// <summary><c>tool</c></summary>
    public const string Tool = "tool";

    /// <summary>The wire string of <paramref name="role"/>, e.g. <c>user</c> for <see cref="MessageRole.User"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="role"/> is not one of the enum's values.</exception>
    public static string Of(MessageRole role) => role switch
    {
        MessageRole.NoRole => NoRole,
        MessageRole.System => System,
        MessageRole.Assistant => Assistant,
        MessageRole.User => User,
        MessageRole.Function => Function,
        MessageRole.Tool => Tool,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a message role"),
    };
}

/// <summary>
/// The roles of <see cref="MessageRoles"/> as an enum, for calls that should not compile with a
/// misspelt role. The wire keeps strings (<see cref="MessageRoles.Of"/> gives them).
/// </summary>
public enum MessageRole
{
    /// <summary><c>norole</c></summary>
    NoRole,

    /// <summary><c>system</c></summary>
    System,

    /// <summary><c>assistant</c></summary>
    Assistant,

    /// <summary><c>user</c></summary>
    User,

    /// <summary><c>function</c></summary>
    Function,

    /// <summary><c>tool</c></summary>
    Tool,
}
