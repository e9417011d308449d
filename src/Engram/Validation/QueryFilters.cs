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
