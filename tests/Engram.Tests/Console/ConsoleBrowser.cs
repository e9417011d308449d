using Microsoft.Playwright;

namespace Engram.Tests.WebConsole;

/// Debian's chromium, driven by Playwright's own driver (no browser download): one browser per
/// suite. Without a chromium here the browser tests skip with one line saying how to get one;
/// under CI (.ci/run installs it) a missing browser fails them instead.
public sealed class ConsoleBrowser : IAsyncLifetime
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// Where each run's screenshots go, beside the test binaries, for review.
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string? Executable =>
        Environment.GetEnvironmentVariable("ENGRAM_TEST_CHROMIUM") is { Length: > 0 } chosen ? chosen : Candidates.FirstOrDefault(File.Exists);

    public async ValueTask InitializeAsync()
    {
        if (Executable is not { } executable)
        {
            return;
        }
        _playwright = await Playwright.CreateAsync();
        // The flags keep chromium off the network it would otherwise try at start (closed here).
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// A fresh page (its own session storage) at the given width; skips, or fails in CI, without a browser.
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        if (_browser is null)
        {
            const string missing = "no chromium found (apt-get install chromium, or set ENGRAM_TEST_CHROMIUM to a Chrome/Chromium binary)";
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            {
                Assert.Fail("console browser tests: " + missing);
            }
            Assert.Skip("console browser tests skipped: " + missing);
        }
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        // A bound that only keeps a broken run from hanging; nothing here asserts a speed.
        context.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);
        var page = await context.NewPageAsync();
        // The page's own errors go to the test's output, where a failure's cause is looked for.
        page.PageError += (_, error) => TestContext.Current.TestOutputHelper?.WriteLine($"page error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"console error: {message.Text}");
            }
        };
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
