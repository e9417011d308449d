using BenchmarkDotNet.Running;

// bash bench/micro.sh [BenchmarkDotNet arguments], e.g. --filter '*Token*'
BenchmarkSwitcher.FromAssembly(typeof(Engram.Micro.PageTokenBenchmarks).Assembly).Run(args);
