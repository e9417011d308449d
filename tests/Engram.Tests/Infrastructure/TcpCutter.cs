using System.Net.Sockets;

namespace Engram.Tests.Infrastructure;

/// A TCP proxy in front of a database that a test can cut: every open connection is reset at once
/// and new ones are reset as soon as they arrive, as when the database's host goes away; restored,
/// it forwards again. A server pointed at Port sees its database vanish and come back.
public sealed class TcpCutter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _open = [];
    private readonly Task _accepting;
    private volatile bool _cut;

    public int Port { get; }

    public TcpCutter(string host, int port)
    {
        (_host, _port) = (host, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// Resets every connection and every new one until Restore.
    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var socket in _open)
            {
                Reset(socket);
            }
            _open.Clear();
        }
    }

    public void Restore() => _cut = false;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        if (_cut)
        {
            Reset(client);
            return;
        }
        var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await upstream.ConnectAsync(_host, _port, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            Reset(client);
            upstream.Dispose();
            return;
        }
        lock (_open)
        {
            if (_cut)
            {
                Reset(client);
                Reset(upstream);
                return;
            }
            _open.Add(client);
            _open.Add(upstream);
        }
        // Whichever side ends first ends the other: a database connection is no use half open.
        await Task.WhenAny(PumpAsync(client, upstream), PumpAsync(upstream, client));
        lock (_open)
        {
            _open.Remove(client);
            _open.Remove(upstream);
        }
        client.Dispose();
        upstream.Dispose();
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// Closes with RST rather than FIN, so the peer fails at once instead of reading an orderly end.
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
        socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Cut();
        _stop.Dispose();
    }
}
