using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Engram.Errors;
using Engram.Validation;

namespace Engram.Paging;

/// Opaque, stateless page tokens: the cursor, signed with SipHash-2-4 over the cursor, the
/// resource, the account and the list's filters. The account and filters are bound by the
/// signature rather than spelled out, so a token used anywhere else fails verification.
/// The key is shared by every node through the database, so any node accepts any token.
/// SipHash rather than HMAC-SHA256: .NET computes SHA-256 in OpenSSL, where every call has a
/// fixed cost many times the hashing itself, and a deep page signs three times (the token it
/// checks, and the two it hands out).
public sealed class PageTokens(byte[] secret, Operations.EngramMetrics? metrics = null)
{
    // 2: SipHash tags. Version 1 tokens (HMAC-SHA256) fail verification, as any altered token does.
    private const byte Version = 2;
    private const int MacLength = 8;
    private const int HeaderLength = 1 + 1 + 1 + 1 + 8 + 1; // version, resource, direction, inclusive, key, id length
    private const int MaxTextLength = Limits.MaxPageTokenLength;
    private const int MaxTokenLength = MaxTextLength * 3 / 4 + 3; // what that many base64 characters decode to, at most

    // SipHash takes 16 bytes; they are derived from the stored 32-byte secret under a label that
    // names the algorithm, so this key is not the one version 1 used, nor any later version's.
    private readonly byte[] _key = HMACSHA256.HashData(secret, "Engram page tokens v2 SipHash-2-4"u8)[..16];

    public string Encode(Resource resource, string account, ReadOnlySpan<string?> filters, Cursor cursor)
    {
        var id = cursor.Position.Id;
        Span<byte> token = stackalloc byte[MaxTokenLength];
        token[0] = Version;
        token[1] = (byte)resource;
        token[2] = (byte)cursor.Direction;
        token[3] = cursor.Inclusive ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64BigEndian(token[4..], cursor.Position.Key);
        // Ids are at most 128 printable ASCII characters (Limits), so they fit the length byte.
        var idLength = Encoding.UTF8.GetBytes(id, token[HeaderLength..]);
        token[12] = checked((byte)idLength);
        var bodyLength = HeaderLength + idLength;
        Sign(token[..bodyLength], account, filters, token.Slice(bodyLength, MacLength));
        return Base64Url.EncodeToString(token[..(bodyLength + MacLength)]);
    }

    public bool TryDecode(string text, Resource resource, PageDirection direction, string account,
        ReadOnlySpan<string?> filters, out Cursor cursor)
    {
        cursor = null!;
        Span<byte> token = stackalloc byte[MaxTokenLength];
        if (text.Length > MaxTextLength || !Base64Url.IsValid(text)
            || Base64Url.DecodeFromChars(text, token, out _, out var length) != OperationStatus.Done)
        {
            return false;
        }
        token = token[..length];
        // Base64 can spell the same bytes more than one way (unused low bits of the last
        // character); only the spelling we minted is accepted, so every altered byte fails.
        Span<char> canonical = stackalloc char[MaxTextLength];
        if (token.Length < HeaderLength + MacLength
            || !Base64Url.TryEncodeToChars(token, canonical, out var written) || !canonical[..written].SequenceEqual(text))
        {
            return false;
        }
        var idLength = token[12];
        var bodyLength = HeaderLength + idLength;
        if (token.Length != bodyLength + MacLength)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[MacLength];
        Sign(token[..bodyLength], account, filters, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, token[bodyLength..]))
        {
            return false;
        }
        if (token[0] != Version || token[1] != (byte)resource || token[2] != (byte)direction || token[3] > 1)
        {
            return false;
        }
        var key = BinaryPrimitives.ReadInt64BigEndian(token[4..]);
        var id = Encoding.UTF8.GetString(token.Slice(HeaderLength, idLength));
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
            metrics?.PageTokenRejects.Add(1);
            return ApiError.InvalidNextToken;
        }
        if (previous is not null && !TryDecode(previous, resource, PageDirection.Before, account, filters, out cursor))
        {
            metrics?.PageTokenRejects.Add(1);
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
        return query.Last("limit") is not { } value
            || int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= Limits.MaxPageSize;
    }

    /// Writes the SipHash tag of the body, the account and the filters.
    private void Sign(ReadOnlySpan<byte> body, string account, ReadOnlySpan<string?> filters, Span<byte> mac)
    {
        // SipHash takes its message whole, so the bound strings are copied in after the body.
        var size = body.Length + 4 + Encoding.UTF8.GetMaxByteCount(account.Length);
        foreach (var filter in filters)
        {
            size += 4 + Encoding.UTF8.GetMaxByteCount(filter?.Length ?? 0);
        }
        var rented = size <= 1024 ? null : ArrayPool<byte>.Shared.Rent(size);
        Span<byte> message = rented ?? stackalloc byte[1024];
        body.CopyTo(message);
        var length = body.Length;
        length += Append(message[length..], account);
        foreach (var filter in filters)
        {
            length += Append(message[length..], filter ?? "");
        }
        BinaryPrimitives.WriteUInt64LittleEndian(mac, SipHash.Hash(_key, message[..length]));
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // Every bound string goes in length-prefixed, so no two different bindings share bytes.
    private static int Append(Span<byte> to, string value)
    {
        var length = Encoding.UTF8.GetBytes(value, to[4..]);
        BinaryPrimitives.WriteInt32BigEndian(to, length);
        return 4 + length;
    }
}
