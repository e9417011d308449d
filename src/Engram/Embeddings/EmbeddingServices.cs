namespace Engram.Embeddings;

public static class EmbeddingServices
{
    /// Registers <see cref="IEmbedder"/> as a singleton: the packaged model, loaded in the
    /// background after start, or the OpenAI-compatible endpoint when one is set. A bad endpoint
    /// setting stops the start with one line.
    public static IServiceCollection AddEmbeddings(this IServiceCollection services, string? endpoint, string? model, string? apiKey)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            services.AddSingleton(_ => new OnnxEmbedder(PackagedModel.ArcticXs));
            services.AddSingleton<IEmbedder>(provider => provider.GetRequiredService<OnnxEmbedder>());
            services.AddHostedService<EmbeddingModelLoader>();
            return services;
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Engram:Embeddings:Endpoint: '{endpoint}' is not an http:// or https:// address");
        }
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("Engram:Embeddings:Model is required when Engram:Embeddings:Endpoint is set");
        }
        var key = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey;
        services.AddSingleton<IEmbedder>(_ => new OpenAiEmbedder(new HttpClient(), uri, model, key, OpenAiEmbedder.DefaultTimeout));
        return services;
    }
}
