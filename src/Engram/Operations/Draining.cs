namespace Engram.Operations;

/// Graceful shutdown. On SIGTERM the host stops; before anything stops, this keeps the server
/// answering for the drain delay while `/readyz` says 503, so a load balancer takes the node out
/// of rotation before its listener closes; every response in that time says `Connection: close`,
/// so no keep-alive client sends its next request into a socket about to close. Then the server
/// stops as usual: the listener closes, requests in flight finish, ingestion stops at a sample
/// boundary (IngestionWorker).
internal sealed class Draining(TimeSpan delay) : IHostedLifecycleService
{
    private volatile bool _isDraining;

    public bool IsDraining => _isDraining;

    /// Runs after ApplicationStopping and before any hosted service (Kestrel among them) stops.
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _isDraining = true;
        await Task.Delay(delay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static class DrainingSetup
{
    /// Time for requests in flight to finish once the listener has closed.
    private static readonly TimeSpan FinishTime = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddDraining(this IServiceCollection services, TimeSpan delay) =>
        services.AddSingleton(new Draining(delay))
            .AddHostedService(provider => provider.GetRequiredService<Draining>())
            // The host's stop deadline covers the drain too.
            .Configure<HostOptions>(host => host.ShutdownTimeout = delay + FinishTime);

    public static IApplicationBuilder UseDraining(this IApplicationBuilder app)
    {
        var draining = app.ApplicationServices.GetRequiredService<Draining>();
        return app.Use((context, next) =>
        {
            if (draining.IsDraining)
            {
                context.Response.Headers.Connection = "close"; // Kestrel closes the connection after this response
            }
            return next(context);
        });
    }
}
