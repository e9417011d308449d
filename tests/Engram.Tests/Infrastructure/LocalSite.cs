using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engram.Tests.Infrastructure;

/// A real web server on a loopback port, for what Engram fetches (pages, sitemaps) and what it
/// calls (webhook receivers): each path answers what the test put there, and every request is kept.
public sealed class LocalSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new();

    public ConcurrentQueue<(string Path, string Body, string? Signature)> Received { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    private LocalSite()
    {
        _app = Loopback();
        _app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            Received.Enqueue((context.Request.Path.Value!, body, context.Request.Headers["X-Engram-Signature"].FirstOrDefault()));
            if (_routes.TryGetValue(context.Request.Path.Value!, out var handler))
            {
                await handler(context);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
        });
    }

    public static async Task<LocalSite> StartAsync()
    {
        var site = new LocalSite();
        site.BaseAddress = await StartAsync(site._app);
        return site;
    }

    /// A bare web application on a free loopback port, without logging, for a test to map its routes on.
    public static WebApplication Loopback()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// Starts `app` and answers the address it listens on.
    public static async Task<Uri> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public void Page(string path, string html, string contentType = "text/html") =>
        _routes[path] = async context =>
        {
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(html);
        };

    /// Any answer a test writes, such as one that waits, fails a few times, or drops the connection.
    public void Handle(string path, Func<HttpContext, Task> handler) => _routes[path] = handler;

    public void Status(string path, int status) => _routes[path] = context =>
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
