using System.Globalization;
using System.Text;

namespace Engram.Client;

// Builds `path?name=value&…` from the parameters that are set; values are escaped, nulls left out.
internal sealed class QueryString(string path)
{
    private readonly StringBuilder _url = new(path);
    private char _separator = '?';

    public QueryString Add(string name, string? value)
    {
        if (value is not null)
        {
            _url.Append(_separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            _separator = '&';
        }
        return this;
    }

    public QueryString Add(string name, int? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => _url.ToString();

    /// `resource/verb/{id}` with the id escaped, so an id can never reach another route.
    public static string WithId(string path, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return path + Uri.EscapeDataString(id);
    }
}
