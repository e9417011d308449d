using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engram.Tests.WebConsole;

/// The console in a real browser against a real server, as a person uses it: sign in, page
/// through sessions, drop files on a memory, wait for ingestion, ask, and see the source.
/// Each page's screenshot is saved under the test output's screenshots/ for review.
public abstract class ConsoleTests(EngramServer server, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private const string Pets = "Dogs are welcome on every train if they stay on a leash. Cats must travel in a closed basket.";
    private const string Travel = "A booking can be cancelled up to 48 hours before the trip for a full refund.";

    private string Backend => GetType().Name.Replace("ConsoleTests", "").ToLowerInvariant();

    private async Task<IPage> SignedInAsync(Api api, int width = 1280)
    {
        var page = await browser.NewPageAsync(width);
        await page.GotoAsync(new Uri(server.BaseAddress, "/console").ToString());
        await page.GetByLabel("API key").FillAsync(api.Key!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sessions", Exact = true })).ToBeVisibleAsync();
        return page;
    }

    private Task ScreenshotAsync(IPage page, string name) => ConsoleBrowser.ScreenshotAsync(page, $"{Backend}-{name}");

    [Fact]
    public async Task A_person_signs_in_filters_and_pages_through_sessions_and_reads_one()
    {
        var api = await server.NewAccountAsync();
        for (var i = 0; i < 23; i++)
        {
            await api.CreateSessionAsync(new { id = $"call-{i:00}", customerUserID = "cust-42" });
        }
        await api.CreateSessionAsync(new { id = "not-this-customer", customerUserID = "cust-7" });
        await api.CreateMessageAsync("call-22", "Hi, I would like to move my booking.");
        await api.CreateMessageAsync("call-22", "Of course. Which day suits you?", role: "assistant");

        var page = await SignedInAsync(api);
        var rows = page.Locator("table tbody tr");
        await Expect(rows.First).ToContainTextAsync("not-this-customer");
        await page.GetByLabel("Customer user ID").FillAsync("cust-42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(rows.First).ToContainTextAsync("call-22");
        await Expect(rows).ToHaveCountAsync(10);
        await ScreenshotAsync(page, "sessions");

        var next = page.GetByRole(AriaRole.Button, new() { Name = "Next" });
        var previous = page.GetByRole(AriaRole.Button, new() { Name = "Previous" });
        await Expect(previous).ToBeDisabledAsync();
        await next.ClickAsync();
        await Expect(rows.First).ToContainTextAsync("call-12");
        await next.ClickAsync();
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Last).ToContainTextAsync("call-00");
        await Expect(next).ToBeDisabledAsync();
        await previous.ClickAsync();
        await previous.ClickAsync();
        await Expect(rows.First).ToContainTextAsync("call-22");
        await Expect(previous).ToBeDisabledAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "call-22" }).ClickAsync();
        var messages = page.Locator(".conversation li");
        await Expect(messages).ToHaveCountAsync(2);
        await Expect(messages.First).ToContainTextAsync("user");
        await Expect(messages.First).ToContainTextAsync("move my booking");
        await Expect(messages.Last).ToContainTextAsync("assistant");
        await ScreenshotAsync(page, "session");

        // End asks first; Cancel changes nothing, Confirm ends it (and the button is then off).
        var end = page.GetByRole(AriaRole.Button, new() { Name = "End session" });
        await end.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        Assert.Equal(JsonValueKind.Null, (await api.GetAsync("/sessions/get/call-22")).Data.GetProperty("endedAt").ValueKind);
        await end.ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(page.Locator("#session-ended time")).ToBeVisibleAsync();
        await Expect(end).ToBeDisabledAsync();
        Assert.Equal(JsonValueKind.String, (await api.GetAsync("/sessions/get/call-22")).Data.GetProperty("endedAt").ValueKind);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete session" }).ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sessions", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/sessions/get/call-22")).Status);
    }

    [Fact]
    public async Task Files_dropped_on_a_memory_are_ingested_and_a_question_shows_its_source()
    {
        var api = await server.NewAccountAsync();
        var page = await SignedInAsync(api);
        await page.GetByRole(AriaRole.Link, new() { Name = "Memories", Exact = true }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Travel rules");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create memory" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Travel rules" })).ToBeVisibleAsync();

        await DropAsync(page, ".drop-zone", ("pets.md", Pets), ("travel.txt", Travel));
        await Expect(page.Locator(".uploads li.done")).ToHaveCountAsync(2);
        var samples = page.Locator(".paged table tbody tr");
        await Expect(samples).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start ingestion" }).ClickAsync();
        // Ingestion runs the real embedding model; the bound only keeps a broken run from hanging.
        await Expect(page.Locator("#memory-status")).ToHaveTextAsync("success", new() { Timeout = 600_000 });
        await Expect(page.Locator("#ingestion-progress")).ToHaveAttributeAsync("value", "1");
        await Expect(samples.Filter(new() { HasText = "success" })).ToHaveCountAsync(2);
        await Expect(samples.Filter(new() { HasText = "pets.md" })).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "memory");

        await page.GetByRole(AriaRole.Link, new() { Name = "Memories", Exact = true }).ClickAsync();
        await Expect(page.Locator("table tbody tr").First).ToContainTextAsync("success");
        await ScreenshotAsync(page, "memories");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ask", Exact = true }).ClickAsync();
        await page.GetByLabel("Memory").SelectOptionAsync(new SelectOptionValue { Label = "Travel rules (vector, success)" });
        await page.GetByLabel("Query").FillAsync("Can I bring my dog on the train?");
        await page.GetByLabel("top_k").FillAsync("2");
        await page.GetByLabel("facts").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        await Expect(page.Locator(".payload li").First).ToContainTextAsync("Dogs are welcome");
        await Expect(page.Locator(".sources li").First).ToContainTextAsync("pets.md");
        await Expect(page.Locator("#answer-tokens")).ToContainTextAsync("token_count");
        await Expect(page.Locator("#answer-time")).ToHaveTextAsync(new Regex(@"^\d+ ms$"));
        await ScreenshotAsync(page, "ask");

        // The source links to its file; from the memory the file can be taken out again.
        await page.Locator(".sources a").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "pets.md" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "file");
        var memoryId = (await api.GetAsync("/memories/list")).Data.GetProperty("memories")[0].GetProperty("id").GetString()!;
        await page.GotoAsync(new Uri(server.BaseAddress, $"/console#/memories/{memoryId}").ToString());
        await samples.Filter(new() { HasText = "pets.md" }).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(samples).ToHaveCountAsync(1);
        var answer = await api.QueryAsync(memoryId, "Can I bring my dog on the train?");
        Assert.DoesNotContain("pets.md", answer.GetProperty("sources").ToString());
    }

    [Fact]
    public async Task Files_chosen_on_the_files_page_upload_and_api_errors_show_their_message()
    {
        var api = await server.NewAccountAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "/console").ToString());
        await page.GetByLabel("API key").FillAsync("ek_not-a-key");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Invalid API key");
        await ScreenshotAsync(page, "sign-in");

        page = await SignedInAsync(api);
        await page.GetByRole(AriaRole.Link, new() { Name = "Files", Exact = true }).ClickAsync();
        await page.GetByLabel("Upload files.").SetInputFilesAsync(new FilePayload
        {
            Name = "notes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(Travel),
        });
        await Expect(page.Locator(".uploads li.done")).ToHaveCountAsync(1);
        await Expect(page.Locator("table tbody tr").First).ToContainTextAsync("notes.txt");
        await ScreenshotAsync(page, "files");

        await page.GotoAsync(new Uri(server.BaseAddress, "/console#/memories/no-such-memory").ToString());
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Memory not found");
    }

    [Fact]
    public async Task At_a_phone_width_no_page_scrolls_sideways()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "a-rather-long-session-identifier-for-a-narrow-screen", customerUserID = "cust-42" });
        var page = await SignedInAsync(api, width: 390);
        foreach (var route in new[] { "#/sessions", "#/memories", "#/files", "#/ask" })
        {
            await page.GotoAsync(new Uri(server.BaseAddress, "/console" + route).ToString());
            await Expect(page.Locator("main h1")).ToBeFocusedAsync();
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), route);
        }
        await page.GotoAsync(new Uri(server.BaseAddress, "/console#/sessions").ToString());
        await Expect(page.Locator("table tbody tr")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "phone-sessions");
    }

    /// A real drop event with a DataTransfer holding the files, as the browser fires it.
    private static async Task DropAsync(IPage page, string selector, params (string Name, string Text)[] files) =>
        await page.EvaluateAsync("""
            ([selector, files]) => {
              const transfer = new DataTransfer();
              for (const [name, text] of files) transfer.items.add(new File([text], name, { type: 'text/plain' }));
              const zone = document.querySelector(selector);
              zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
              zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """, new object[] { selector, files.Select(f => new[] { f.Name, f.Text }).ToArray() });
}
