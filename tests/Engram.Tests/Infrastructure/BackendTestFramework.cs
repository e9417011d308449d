using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

[assembly: TestFramework(typeof(Engram.Tests.Infrastructure.BackendTestFramework))]

namespace Engram.Tests.Infrastructure;

/// xunit's own framework, except that a suite run against a backend that is not configured here
/// (PostgreSQL without ENGRAM_TEST_POSTGRES) is not discovered at all, rather than reported as a
/// few hundred skipped tests; the build says so in one line (Engram.Tests.csproj). With the
/// variable set, every suite runs, and .ci/run still counts any skip as a failure.
public sealed class BackendTestFramework : XunitTestFramework
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(Assembly assembly)
    {
        var discoverer = (XunitTestFrameworkDiscoverer)base.CreateDiscoverer(assembly);
        return new ConfiguredBackendsDiscoverer(discoverer.TestAssembly, discoverer.TestCollectionFactory);
    }

    private sealed class ConfiguredBackendsDiscoverer(IXunitTestAssembly assembly, IXunitTestCollectionFactory collections)
        : XunitTestFrameworkDiscoverer(assembly, collections)
    {
        protected override ValueTask<bool> FindTestsForType(IXunitTestClass testClass, ITestFrameworkDiscoveryOptions discoveryOptions,
            Func<ITestCase, ValueTask<bool>> discoveryCallback) =>
            !PostgresServer.IsConfigured && NeedsPostgres(testClass.Class)
                ? ValueTask.FromResult(true) // no tests from this class; go on with the others
                : base.FindTestsForType(testClass, discoveryOptions, discoveryCallback);

        private static bool NeedsPostgres(Type type) =>
            type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(PostgresServer)));
    }
}
