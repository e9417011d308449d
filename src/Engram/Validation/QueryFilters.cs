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
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[^1]) ? values[^1] : null;
}
