namespace Engram.Cli;

/// `engram <command> [positional…] [--option value…]`: all the parsing the CLI needs.
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> knownOptions)
    {
        var line = new CommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                line.Positional.Add(arg);
                continue;
            }
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (!knownOptions.Contains(name))
            {
                throw new UsageException($"unknown option {name}");
            }
            var value = equals > 0 ? arg[(equals + 1)..] : i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value");
            line._options[name] = value;
        }
        return line;
    }

    public string? Option(string name) => _options.TryGetValue(name, out var value) ? value : null;
}

public sealed class UsageException(string message) : Exception(message);
