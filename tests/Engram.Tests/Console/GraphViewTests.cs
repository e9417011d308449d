using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Engram.Tests.WebConsole;

/// The graph view over a real graph memory (a document ingested by the server's own extractor), and
/// against the wire shapes of GET /memories/entities and GET /memories/facts answered in the browser
/// (Playwright's routing) for the cases a real server cannot be made to show: a graph drawn to the
/// node, and a server without the routes.
public abstract class GraphViewTests(EngramServer server, ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private string Backend => GetType().Name.Replace("GraphViewTests", "").ToLowerInvariant();

    private async Task<(IPage Page, string Memory)> GraphPageAsync(Func<IRoute, Task> entities, Func<IRoute, Task>? facts = null)
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync(new { name = "Essays", memoryType = "graph", ontology = "essays" })).GetProperty("id").GetString()!;
        var page = await browser.NewPageAsync();
        await page.RouteAsync("**/memories/entities?**", entities);
        if (facts is not null)
        {
            await page.RouteAsync("**/memories/facts?**", facts);
        }
        await page.GotoAsync(new Uri(server.BaseAddress, "/console").ToString());
        await page.GetByLabel("API key").FillAsync(api.Key!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sessions", Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, $"/console#/graph/{memory}").ToString());
        return (page, memory);
    }

    private static Task JsonAsync(IRoute route, int status, object body) =>
        route.FulfillAsync(new() { Status = status, ContentType = "application/json", Body = JsonSerializer.Serialize(body) });

    private static object Entity(string memory, string id, string name, string type, int facts) => new
    {
        id, memoryID = memory, name, type, aliases = Array.Empty<string>(), factCount = facts,
        createdAt = "2026-12-01T10:00:00.000Z", updatedAt = "2026-12-01T10:00:00.000Z",
    };

    private static object Fact(string memory, string id, string content, string[] entities, string? relation) => new
    {
        id, memoryID = memory, content, entities, relation, validAt = (string?)"2026-11-01T00:00:00.000Z",
        sampleID = "sample-1", sourceID = "file-1", createdAt = "2026-12-01T10:00:00.000Z",
    };

    [Fact]
    public async Task Choosing_an_entity_draws_the_facts_around_it_and_a_neighbour_can_be_chosen_by_keyboard()
    {
        string? asked = null;
        var (page, _) = await GraphPageAsync(
            route => JsonAsync(route, 200, new
            {
                status = "success",
                data = new
                {
                    entities = new[] { Entity("m", "e1", "Ada Lovelace", "person", 2), Entity("m", "e2", "Charles Babbage", "person", 1) },
                    nextToken = (string?)null, previousToken = (string?)null, count = 2,
                },
            }),
            route =>
            {
                asked = new Uri(route.Request.Url).Query;
                var around = asked.Contains("Babbage") ? "Charles Babbage" : "Ada Lovelace";
                return JsonAsync(route, 200, new
                {
                    status = "success",
                    data = new
                    {
                        facts = new[]
                        {
                            Fact("m", "f1", "Ada Lovelace wrote notes on the Analytical Engine of Charles Babbage.", ["Ada Lovelace", "Charles Babbage", "Analytical Engine"], "wrote notes on"),
                            Fact("m", "f2", $"{around} lived in London.", [around, "London"], "lived in"),
                        },
                        nextToken = (string?)null, previousToken = (string?)null, count = 2,
                    },
                });
            });

        await page.GetByRole(AriaRole.Button, new() { Name = "Ada Lovelace" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Around Ada Lovelace" })).ToBeVisibleAsync();
        Assert.Contains("memoryID=", asked);
        await Expect(page.Locator(".graph svg .node")).ToHaveCountAsync(4);
        await Expect(page.Locator(".graph svg .edge-label").First).ToHaveTextAsync("wrote notes on");
        await Expect(page.Locator(".graph .facts-list li")).ToHaveCountAsync(2);
        await ConsoleBrowser.ScreenshotAsync(page, $"{Backend}-graph");

        await page.GetByRole(AriaRole.Button, new() { Name = "Charles Babbage: show the facts around it" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Around Charles Babbage" })).ToBeVisibleAsync();
        await Expect(page.Locator(".graph .facts-list")).ToContainTextAsync("Charles Babbage lived in London.");
    }

    [Fact]
    public async Task A_graph_memory_ingested_by_the_server_shows_its_entities_and_the_facts_around_one()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync(new { name = "Essays", memoryType = "graph", ontology = "essays" })).GetProperty("id").GetString()!;
        var file = (await api.UploadFileAsync("ada.txt",
            "Ada Lovelace wrote notes on the Analytical Engine. Ada Lovelace lived in London."u8.ToArray())).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { file } }))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }))).Status);
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));

        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "/console").ToString());
        await page.GetByLabel("API key").FillAsync(api.Key!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sessions", Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, $"/console#/graph/{memory}").ToString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Ada Lovelace" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Around Ada Lovelace" })).ToBeVisibleAsync();
        await Expect(page.Locator(".graph .facts-list")).ToContainTextAsync("London");
        await ConsoleBrowser.ScreenshotAsync(page, $"{Backend}-graph-ingested");
    }

    [Fact]
    public async Task A_server_without_the_graph_routes_gets_a_clear_message()
    {
        var (page, _) = await GraphPageAsync(route => JsonAsync(route, 404, new { error = "Not found", status = "not_found" }));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "no graph routes" })).ToBeVisibleAsync();
        await Expect(page.Locator(".graph")).ToContainTextAsync("GET /memories/entities answered 404");
    }

    [Fact]
    public async Task An_unknown_memory_on_the_graph_routes_is_shown_as_the_apis_message()
    {
        var (page, _) = await GraphPageAsync(route => JsonAsync(route, 404, new { error = "Memory not found", status = "not_found" }));
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Memory not found");
    }
}
