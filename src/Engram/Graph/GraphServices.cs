using Engram.Graph.Extraction;

namespace Engram.Graph;

public static class GraphServices
{
    /// Graph memory's services. The extractor is the one seam: the built-in one (Graph/Extraction),
    /// which the language model's decorates when `Engram:Llm:Endpoint` is set (Llm/LlmServices).
    public static IServiceCollection AddGraph(this IServiceCollection services)
    {
        services.AddSingleton<IFactExtractor, BuiltInFactExtractor>();
        services.AddSingleton<FactLearning>();
        services.AddSingleton<GraphIndexes>();
        services.AddSingleton<GraphRetriever>();
        services.AddSingleton<GraphLists>();
        return services;
    }
}
