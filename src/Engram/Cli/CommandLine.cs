namespace Engram.Cli;

/// `engram <command> [positional…] [--option value…] [--flag…]`: all the parsing the CLI needs.
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    /// `--Engram:Files:MaxUploadBytes=…`: any configuration key, as the framework's command line takes it.
    public IEnumerable<KeyValuePair<string, string>> ConfigurationKeys =>
        _options.Where(o => IsConfigurationKey(o.Key)).Select(o => KeyValuePair.Create(o.Key[2..], o.Value));

    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> knownOptions) =>
        Parse(args, knownOptions, knownFlags: []);

    /// `knownFlags` take no value (`--json`); `knownOptions` take one (`--limit 5` or `--limit=5`).
    /// With `configurationKeys`, any `--Section:Key` is an option too.
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> knownOptions, IReadOnlyCollection<string> knownFlags,
        bool configurationKeys = false)
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
            if (equals < 0 && knownFlags.Contains(name))
            {
                line._flags.Add(name);
                continue;
            }
            if (!knownOptions.Contains(name) && !(configurationKeys && IsConfigurationKey(name)))
            {
                throw new UsageException($"unknown option {name}");
            }
            var value = equals > 0 ? arg[(equals + 1)..] : i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value");
            line._options[name] = value;
        }
        return line;
    }

    public string? Option(string name) => _options.TryGetValue(name, out var value) ? value : null;

    public bool Flag(string name) => _flags.Contains(name);

    private static bool IsConfigurationKey(string name) => name.Length > 3 && name.IndexOf(':', 3) > 0;
}

public sealed class UsageException(string message) : Exception(message);
