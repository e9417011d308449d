[assembly: AssemblyFixture(typeof(Engram.Tests.Infrastructure.SqliteServer))]
[assembly: AssemblyFixture(typeof(Engram.Tests.Infrastructure.PostgresServer))]
