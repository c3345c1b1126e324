using BenchmarkDotNet.Running;

// dotnet run -c Release --project samples/CustomPolicy.Benchmarks -- --filter '*' [--inProcess]
BenchmarkSwitcher.FromAssembly(typeof(CustomPolicyBenchmarks.SloStepPolicyBenchmarks).Assembly).Run(args);
