using Engram.Client;

// The key from ENGRAM_API_KEY, the server from ENGRAM_URL (default http://localhost:5080).
var engram = new EngramClient();

var session = await engram.Sessions.CreateAsync(new CreateSessionRequest { CustomerUserId = "sample-caller" });
var message = await engram.Messages.CreateAsync(session.Id, MessageRole.User, "Hello from the Engram.Client sample");

Console.WriteLine($"session {session.Id}");
Console.WriteLine($"message {message.Id}");
