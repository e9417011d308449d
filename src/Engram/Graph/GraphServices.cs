namespace Engram.Graph;

public static class GraphServices
{
    /// Graph memory's services. The extractor is the one seam: the built-in extractor (or the
    /// language model's, which falls back to it) replaces SentenceFactExtractor here.
    public static IServiceCollection AddGraph(this IServiceCollection services)
    {
        services.AddSingleton<IFactExtractor, SentenceFactExtractor>();
        services.AddSingleton<FactLearning>();
        services.AddSingleton<GraphIndexes>();
        services.AddSingleton<GraphRetriever>();
        services.AddSingleton<GraphLists>();
        return services;
    }
}
