using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Engram.Operations;

/// OpenTelemetry: the framework's request metrics (count and latency per route), outgoing HTTP
/// calls, Npgsql's, and Engram's own (EngramMetrics); scraped at `/metrics` in Prometheus' text
/// format, and pushed with traces over OTLP when `Engram:Metrics:OtlpEndpoint` is set.
internal static class Telemetry
{
    public const string ScrapePath = "/metrics";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, OperationsOptions options)
    {
        services.AddSingleton<EngramMetrics>();
        var otlp = options.OtlpEndpoint is { } endpoint ? new Uri(endpoint) : null;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("engram"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsqlInstrumentation()
                    .AddMeter(EngramMetrics.MeterName)
                    // Each scrape reads the instruments afresh: scrapes are seconds apart, the default 300 ms cache buys nothing.
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(exporter => exporter.Endpoint = otlp);
                }
            });
        // Traces only when there is somewhere to send them: unexported spans would only cost time.
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql()
                .AddOtlpExporter(exporter => exporter.Endpoint = otlp));
        }
        return services;
    }

    /// `GET /metrics`: placed before the key check when `Engram:Metrics:Public` says so, else after it.
    public static IApplicationBuilder UseMetricsEndpoint(this IApplicationBuilder app) =>
        app.UseOpenTelemetryPrometheusScrapingEndpoint(ScrapePath);
}
