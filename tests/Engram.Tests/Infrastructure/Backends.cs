[assembly: AssemblyFixture(typeof(Engram.Tests.Infrastructure.SqliteServer))]
