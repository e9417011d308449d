namespace Engram.Validation;

/// The kinds of body field the contract uses, each with the contract's bounds and wording.
public static class Field
{
    /// Free text of min-max characters, without NUL.
    public static TextField Text(string name, int min, int max, string description) => new(name, min, max, description);

    /// An id: 1-128 printable ASCII characters without space / ? # % \ (FieldRules.IsValidId).
    public static TextField Id(string name, string description) => new(name, 1, Limits.MaxIdLength, description)
    {
        Check = FieldRules.IsValidId,
        Pattern = FieldRules.IdPattern,
        Error = FieldRules.IdMessage(name),
    };

    /// An end user's id as other records carry it: any text without control characters.
    public static TextField CustomerUserId(string description = "The end user (a user's id)") =>
        new("customerUserID", 1, Limits.MaxCustomerUserIdLength, description)
        {
            Check = text => !FieldRules.HasControlCharacter(text),
            Error = $"customerUserID must be a string of 1-{Limits.MaxCustomerUserIdLength} characters without control characters",
        };

    /// One of `values`; with `ignoreCase`, any letter case, read as the value's own spelling.
    public static TextField OneOf(string name, IReadOnlyList<string> values, string description, bool ignoreCase = false) =>
        new(name, 1, values.Max(v => v.Length), description)
        {
            Values = values,
            IgnoreCase = ignoreCase,
            Error = $"{name} must be one of: {string.Join(", ", values)}",
        };

    /// An absolute http or https URL.
    public static TextField Url(string name, string description, int max = 2048) => new(name, 1, max, description)
    {
        Check = text => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0,
        Format = "uri",
        Error = $"{name} must be an absolute http or https URL",
    };

    public static IntegerField WholeNumber(string name, int min, int max, int defaultValue, string description) =>
        new(name, min, max, defaultValue, description);

    public static BooleanField Boolean(string name, string description, bool defaultValue = false) =>
        new(name, defaultValue, description);

    /// The field, required: absent, null or "" is "<name> is required".
    public static RequiredField<T> Required<T>(this BodyField<T?> field) where T : class => new(field);
}
