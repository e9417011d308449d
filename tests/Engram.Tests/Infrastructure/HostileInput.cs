using System.Text;

namespace Engram.Tests.Infrastructure;

/// Generates the input a careless or hostile client sends: wrong types, huge numbers, deep
/// nesting, escapes no database can store, control characters, invalid UTF-8, duplicate keys.
public sealed class HostileInput(int seed, IReadOnlyList<string>? fields = null)
{
    private readonly Random _random = new(seed);

    private readonly IReadOnlyList<string> _fields = fields ?? SessionFields;

    private static readonly string[] SessionFields =
        ["id", "sessionID", "customerUserID", "metadata", "content", "role", "firstName", "lastName", "email", "phone", "key", "value"];

    private static readonly string[] Strings =
    [
        "", " ", "s", "user", "assistant", "a@b.c", "+1 (555) 000-1234", "\\u0000", "\\ud800", "\\udc00x", "\\u001f", "\\n",
        "é", "😀", "\\\\", "\\\"", "/", "?", "#", "%", "a b", "<script>", "' OR 1=1 --", "${jndi:x}", "\u2028",
    ];

    /// Path tricks and odd names, for the memory half's keys, file names and URLs.
    private static readonly string[] PathTricks =
    [
        "../../etc/passwd", "..\\..\\boot.ini", "a/../../b.txt", "%2e%2e%2f", "CON", "nul.txt", "x.", ".", "\u202egnp.exe",
        "a\u0301\u0301\u0301", "file:///etc/passwd", "http://169.254.169.254/latest", "https://", "vector", "graph", "document",
    ];

    private readonly string[] _strings = fields is null ? Strings : [.. Strings, .. PathTricks];

    public int Next(int max) => _random.Next(max);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// A JSON text, mostly an object with the contract's field names and the wrong values.
    public string Body()
    {
        return _random.Next(20) switch
        {
            0 => new string('[', 200) + new string(']', 200),  // deeper than the parser allows
            1 => "{\"id\":\"a\",\"id\":\"b\"}",                    // duplicate keys
            2 => "{\"content\":\"" + new string('x', _random.Next(32760, 40000)) + "\",\"role\":\"user\",\"sessionID\":\"s\"}",
            3 => Value(0),
            _ => Object(0),
        };
    }

    /// Bytes that are not UTF-8 or not JSON at all.
    public byte[] RawBody() => _random.Next(4) switch
    {
        0 => [0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d], // {"id":"<invalid UTF-8>"}
        1 => [0xef, 0xbb, 0xbf, 0x7b, 0x7d],                                         // BOM then {}
        2 => [0xc3],                                                                   // a truncated sequence
        _ => Encoding.UTF8.GetBytes(Truncated(Body())),                              // cut short
    };

    private string Truncated(string json) => json[..Math.Min(json.Length, _random.Next(1, 40))];

    private string Object(int depth)
    {
        var members = new List<string>();
        for (var n = _random.Next(0, 6); n > 0; n--)
        {
            members.Add($"\"{Pick(_fields)}\":{Value(depth + 1)}");
        }
        return "{" + string.Join(",", members) + "}";
    }

    private string Value(int depth) => (depth > 3 ? _random.Next(6) : _random.Next(9)) switch
    {
        0 => "null",
        1 => _random.Next(2) == 0 ? "true" : "false",
        2 => Pick(["0", "-0", "1.5", "1e309", "-1e400", "99999999999999999999999999", "1E+2", "-7"]),
        3 or 4 => "\"" + Pick(_strings) + (_random.Next(4) == 0 ? new string('z', _random.Next(100, 3000)) : "") + "\"",
        5 => "\"" + Pick(_strings) + "\"",
        6 or 7 => "[" + string.Join(",", Enumerable.Range(0, _random.Next(0, 4)).Select(_ => _random.Next(2) == 0 ? Object(depth + 1) : Value(depth + 1))) + "]",
        _ => Object(depth),
    };

    /// A query string for a list endpoint: real parameter names, unreal values.
    public string Query()
    {
        string[] names = ["limit", "nextToken", "previousToken", "customerUserID", "sessionID", "role", "other"];
        string[] values = ["", "0", "10", "101", "-1", "1.5", "abc", "%00", "%FF%FE", "%ED%A0%80", "AQEB", "user",
            "AQEBAAAAAaIOKuUPAnMxMFe7nAJIlOowNU7c97DH2A", new string('A', 600), "%20", "a%2Fb", "true", "TRUE"];
        return string.Join("&", Enumerable.Range(0, _random.Next(0, 5)).Select(_ => $"{Pick(names)}={Pick(values)}"));
    }

    /// A path segment that may be empty, encoded, too long, or not UTF-8.
    public string Segment() => Pick(["x", "", "%00", "%ED%A0%80", "%FF", "a%2Fb", "..", "%2E%2E", "a%20b", "%25", new string('y', 129),
        new string('y', 3000), "😀", "%E2%80%A8", "a?b=c", "a#frag", "-", "_"]);
}
