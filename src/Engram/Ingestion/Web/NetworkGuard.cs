using System.Net;
using System.Net.Sockets;

namespace Engram.Ingestion;

/// Keeps fetches of user-given URLs away from the server's own network: loopback, private,
/// link-local (the cloud metadata address among them), CGNAT, unique-local and the like. The
/// check runs on the address actually connected to, inside the connection callback, so a name
/// that resolves to a private address (or changes its answer between lookups) is refused too.
internal static class NetworkGuard
{
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> v6 = stackalloc byte[16];
            address.TryWriteBytes(v6, out _);
            // ::a.b.c.d (IPv4-compatible) and 64:ff9b::a.b.c.d (NAT64) carry an IPv4 address
            if (v6[..12].IndexOfAnyExcept((byte)0) < 0 && !IPAddress.IPv6Loopback.Equals(address) && !IPAddress.IPv6Any.Equals(address)
                || v6[..12].SequenceEqual((ReadOnlySpan<byte>)[0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]))
            {
                return IsPrivate(new IPAddress(v6[12..]));
            }
            return IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6Any.Equals(address)
                || (v6[0] & 0xFE) == 0xFC                      // fc00::/7 unique local
                || (v6[0] == 0xFE && (v6[1] & 0xC0) == 0x80)   // fe80::/10 link local
                || (v6[0] == 0xFE && (v6[1] & 0xC0) == 0xC0)   // fec0::/10 old site local
                || v6[0] == 0xFF;                              // multicast
        }
        Span<byte> v4 = stackalloc byte[4];
        address.TryWriteBytes(v4, out _);
        return v4[0] is 0 or 10 or 127 or >= 224                 // this network, private, loopback, multicast and reserved
            || (v4[0] == 100 && (v4[1] & 0xC0) == 64)             // 100.64/10 CGNAT
            || (v4[0] == 169 && v4[1] == 254)                     // link local and 169.254.169.254 metadata
            || (v4[0] == 172 && (v4[1] & 0xF0) == 16)             // 172.16/12
            || (v4[0] == 192 && v4[1] == 168)                     // 192.168/16
            || (v4[0] == 192 && v4[1] == 0 && v4[2] == 0)         // 192.0.0/24 protocol assignments
            || (v4[0] == 198 && (v4[1] & 0xFE) == 18);            // 198.18/15 benchmarking
    }

    /// SocketsHttpHandler.ConnectCallback: resolves the host, refuses it when any address is
    /// private (unless allowed), and connects to the first address that answers.
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(bool allowPrivateNetworks) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            if (!allowPrivateNetworks && addresses.Any(IsPrivate))
            {
                throw Refused(host);
            }
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

    public static ExtractionException Refused(string host) => new($"the address {host} is in a private network");
}
