using Engram.Errors;

namespace Engram.Validation;

public static class QueryFilters
{
    /// A list filter, checked to be text a record could hold.
    public static ApiError? ReadFilter(this IQueryCollection query, string name, out string? value)
    {
        value = query.Filter(name);
        return value is null || FieldRules.IsStorableText(value) ? null : ApiError.BadRequest(FieldRules.TextMessage(name));
    }

    /// A boolean parameter: `true`/`false` in any letter case (duohub-py sends "true"/"false";
    /// Python's str() gives "True"/"False"); absent or empty is false.
    public static ApiError? ReadBoolean(this IQueryCollection query, string name, out bool value)
    {
        value = false;
        if (query.Last(name) is not { Length: > 0 } text)
        {
            return null;
        }
        return bool.TryParse(text, out value) ? null : ApiError.BadRequest($"{name} must be true or false");
    }

    /// A list filter from the query string: an empty value means no filter; of repeated
    /// values the last one counts.
    public static string? Filter(this IQueryCollection query, string name) =>
        query.Last(name) is { Length: > 0 } value ? value : null;

    /// The last value of the parameter spelled exactly `name`, or null when it is absent.
    /// ASP.NET matches query names in any letter case; duohub's are exact, so `LIMIT` is an
    /// unknown parameter here, and unknown parameters are ignored.
    public static string? Last(this IQueryCollection query, string name)
    {
        string? last = null;
        foreach (var (key, values) in query)
        {
            if (string.Equals(key, name, StringComparison.Ordinal) && values.Count > 0)
            {
                last = values[^1];
            }
        }
        return last;
    }
}
