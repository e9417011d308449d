using System.Diagnostics;
using System.Globalization;
using Engram.Auth;
using Engram.Seed;
using Engram.Storage;

// dotnet run --project bench/Engram.Seed -c Release -- --database CONN --key KEY [--sessions N] [--customers N] [--messages N]
// Creates the schema through the store's own migrations, adds KEY for the account `default`, then
// bulk-writes the sessions straight into that schema. Prints nothing but progress on stderr.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var a = 0; a + 1 < args.Length; a += 2)
{
    options[args[a]] = args[a + 1];
}
if (!options.TryGetValue("--database", out var database) || !options.TryGetValue("--key", out var key))
{
    await Console.Error.WriteLineAsync("usage: Engram.Seed --database CONN --key KEY [--sessions N] [--customers N] [--messages N]");
    return 2;
}
int Number(string name, int fallback) =>
    options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
var plan = new SeedPlan(database, StartupKey.DefaultAccount, key,
    Number("--sessions", 1_000_000), Number("--customers", 1_000), Number("--messages", 300));

var clock = Stopwatch.StartNew();
await using (var store = StoreFactory.Open(database))
{
    await store.MigrateAsync();
    await StartupKey.AddAsync(store, plan.Account, key, CancellationToken.None);
}
if (StoreFactory.IsPostgres(database))
{
    await PostgresSeeder.SeedAsync(plan, database);
}
else
{
    var connectionString = database.TrimStart().StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
        ? database : $"Data Source={database}";
    await SqliteSeeder.SeedAsync(plan, connectionString);
}
await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
    $"seed: {plan.Sessions:N0} sessions over {plan.Customers:N0} customers and {plan.Messages} messages in {clock.Elapsed.TotalSeconds:0.0} s"));
return 0;
