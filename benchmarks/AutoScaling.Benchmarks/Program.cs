using BenchmarkDotNet.Running;

namespace AutoScaling.Benchmarks;

/// <summary>Runs the benchmarks: <c>./build.sh bench</c> or <c>dotnet run -c Release -- --filter *Engine*</c>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">BenchmarkDotNet arguments.</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
