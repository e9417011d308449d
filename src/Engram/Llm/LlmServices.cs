using System.ClientModel;
using System.ClientModel.Primitives;
using Engram.Graph;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Engram.Llm;

public static class LlmServices
{
    /// When `Engram:Llm:Endpoint` is set: the chat model, the assisted-answer writer, and the
    /// language-model extractor in front of whichever <see cref="IFactExtractor"/> is registered
    /// already (so call this after it), which becomes its fall-back. Unset: nothing changes.
    public static IServiceCollection AddLanguageModel(this IServiceCollection services, ModelEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            return services;
        }
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"{Setting.LlmEndpoint.Key}: '{options.Endpoint}' is not an http:// or https:// address");
        }
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ArgumentException($"{Setting.LlmModel.Key} is required when {Setting.LlmEndpoint.Key} is set");
        }
        var timeout = options.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : LanguageModel.DefaultTimeout;
        var key = string.IsNullOrWhiteSpace(options.ApiKey) ? null : options.ApiKey;
        services.AddSingleton(provider => new LanguageModel(ChatClient(endpoint, options.Model, key), timeout,
            provider.GetRequiredService<ILogger<LanguageModel>>()));
        services.AddSingleton<AssistedAnswerWriter>();

        if (services.LastOrDefault(s => s.ServiceType == typeof(IFactExtractor) && !s.IsKeyedService) is { } builtIn)
        {
            services.Remove(builtIn);
            services.AddSingleton<IFactExtractor>(provider => new LlmFactExtractor(provider.GetRequiredService<LanguageModel>(),
                Create(provider, builtIn), provider.GetRequiredService<ILogger<LlmFactExtractor>>()));
        }
        return services;
    }

    /// An OpenAI-compatible chat client. Its own retries are off and its own timeout is long:
    /// <see cref="LanguageModel"/> does both, so that each retry is logged with its reason.
    public static IChatClient ChatClient(Uri endpoint, string model, string? apiKey)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromHours(1),
            UserAgentApplicationId = "engram",
        };
        // A local server (llama.cpp, Ollama, vLLM) often wants no key, and ignores the placeholder
        // that the client's stable constructor needs (a keyless one is still marked experimental).
        return new OpenAIClient(new ApiKeyCredential(apiKey ?? "no-key"), options).GetChatClient(model).AsIChatClient();
    }

    /// The registration being decorated, built as the container would have built it.
    private static IFactExtractor Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        (IFactExtractor)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
