using Engram.Embeddings;
using Engram.Files;
using Engram.Graph;
using Engram.Ingestion;
using Engram.Llm;
using Engram.Retrieval;
using Engram.Webhooks;

namespace Engram.Memories;

public static class MemoryServices
{
    /// Files, memories, ingestion, webhooks and retrieval: the memory half's services.
    public static IServiceCollection AddMemory(this IServiceCollection services, EngramSettings settings, UploadUrls uploadUrls)
    {
        services.AddSingleton(uploadUrls);
        services.Configure<EngramUrls>(urls => urls.PublicUrl = settings.PublicUrl);
        services.AddSingleton<FileStore>();
        services.AddSingleton<MemoryStore>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<IngestionSignal>();
        services.AddSingleton(_ => new WebReader(settings.Ingestion.AllowPrivateNetworks)); // a factory, so the container disposes it
        services.AddSingleton<SampleText>();
        services.AddSingleton<IngestionPipeline>();
        services.AddEmbeddings(settings.Embeddings.Endpoint, settings.Embeddings.Model, settings.Embeddings.ApiKey);
        // One budget for the chunks' indexes and the graph memories' fact indexes (Graph/GraphIndexes).
        services.AddSingleton(provider => new IndexBudget(settings.Retrieval.IndexMegabytes * 1024L * 1024L,
            provider.GetRequiredService<Operations.EngramMetrics>()));
        services.AddSingleton<MemoryIndexes>();
        services.AddSingleton<Retriever>();
        services.AddGraph();
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddHostedService<IngestionWorker>();
        services.AddHostedService<ConversationFeed>();
        services.AddHostedService<WebhookSender>();
        services.AddHostedService<UploadSweeper>();
        services.AddSingleton<Operations.Warmup>();
        services.AddHostedService<IndexWarmer>();
        // Last: it decorates the fact extractor registered above with the language model's, when one is set.
        services.AddLanguageModel(settings.Llm);
        return services;
    }
}
