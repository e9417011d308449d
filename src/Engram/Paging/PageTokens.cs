using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Engram.Errors;
using Engram.Validation;

namespace Engram.Paging;

/// Opaque, stateless page tokens: the cursor, signed with HMAC-SHA256 over the cursor, the
/// resource, the account and the list's filters. The account and filters are bound by the
/// signature rather than spelled out, so a token used anywhere else fails verification.
/// The key is shared by every node through the database, so any node accepts any token.
public sealed class PageTokens(byte[] signingKey)
{
    private const byte Version = 1;
    private const int MacLength = 16;
    private const int HeaderLength = 1 + 1 + 1 + 1 + 8 + 1; // version, resource, direction, inclusive, key, id length

    public string Encode(Resource resource, string account, ReadOnlySpan<string?> filters, Cursor cursor)
    {
        var id = Encoding.UTF8.GetBytes(cursor.Position.Id);
        var token = new byte[HeaderLength + id.Length + MacLength];
        token[0] = Version;
        token[1] = (byte)resource;
        token[2] = (byte)cursor.Direction;
        token[3] = cursor.Inclusive ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(4), cursor.Position.Key);
        token[12] = checked((byte)id.Length);
        id.CopyTo(token.AsSpan(HeaderLength));
        var body = token.AsSpan(0, HeaderLength + id.Length);
        Sign(body, account, filters).AsSpan(0, MacLength).CopyTo(token.AsSpan(body.Length));
        return Base64Url.EncodeToString(token);
    }

    public bool TryDecode(string text, Resource resource, PageDirection direction, string account,
        ReadOnlySpan<string?> filters, out Cursor cursor)
    {
        cursor = null!;
        if (text.Length > 512 || !Base64Url.IsValid(text))
        {
            return false;
        }
        var token = Base64Url.DecodeFromChars(text);
        // Base64 can spell the same bytes more than one way (unused low bits of the last
        // character); only the spelling we minted is accepted, so every altered byte fails.
        if (token.Length < HeaderLength + MacLength || Base64Url.EncodeToString(token) != text)
        {
            return false;
        }
        var idLength = token[12];
        var bodyLength = HeaderLength + idLength;
        if (token.Length != bodyLength + MacLength)
        {
            return false;
        }
        var expected = Sign(token.AsSpan(0, bodyLength), account, filters);
        if (!CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, MacLength), token.AsSpan(bodyLength)))
        {
            return false;
        }
        if (token[0] != Version || token[1] != (byte)resource || token[2] != (byte)direction || token[3] > 1)
        {
            return false;
        }
        var key = BinaryPrimitives.ReadInt64BigEndian(token.AsSpan(4));
        var id = Encoding.UTF8.GetString(token, HeaderLength, idLength);
        cursor = new Cursor(direction, new Position(key, id), token[3] == 1);
        return true;
    }

    /// Reads `limit`, `nextToken` and `previousToken` for one list, checking the token
    /// against this resource, account and filters.
    public ApiError? ReadRequest(IQueryCollection query, Resource resource, string account,
        ReadOnlySpan<string?> filters, out PageRequest request)
    {
        request = null!;
        var next = query.Filter("nextToken");
        var previous = query.Filter("previousToken");
        if (next is not null && previous is not null)
        {
            return ApiError.BothTokens;
        }
        if (!TryReadLimit(query, out var limit))
        {
            return ApiError.InvalidLimit;
        }
        Cursor? cursor = null;
        if (next is not null && !TryDecode(next, resource, PageDirection.After, account, filters, out cursor))
        {
            return ApiError.InvalidNextToken;
        }
        if (previous is not null && !TryDecode(previous, resource, PageDirection.Before, account, filters, out cursor))
        {
            return ApiError.InvalidPreviousToken;
        }
        request = new PageRequest(limit, cursor);
        return null;
    }

    public (string? Next, string? Previous) EncodeLinks<T>(Page<T> page, Resource resource, string account,
        ReadOnlySpan<string?> filters) =>
        (page.Next is null ? null : Encode(resource, account, filters, page.Next),
         page.Previous is null ? null : Encode(resource, account, filters, page.Previous));

    private static bool TryReadLimit(IQueryCollection query, out int limit)
    {
        limit = Limits.DefaultPageSize;
        if (!query.TryGetValue("limit", out var values))
        {
            return true;
        }
        return values.Count == 1
            && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out limit)
            && limit is >= 1 and <= Limits.MaxPageSize;
    }

    private byte[] Sign(ReadOnlySpan<byte> body, string account, ReadOnlySpan<string?> filters)
    {
        // Every bound string goes in length-prefixed, so no two different bindings share bytes.
        var buffer = new List<byte>(body.Length + 64);
        buffer.AddRange(body);
        Append(buffer, account);
        foreach (var filter in filters)
        {
            Append(buffer, filter ?? "");
        }
        return HMACSHA256.HashData(signingKey, buffer.ToArray());
    }

    private static void Append(List<byte> buffer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.AddRange(length);
        buffer.AddRange(bytes);
    }
}
