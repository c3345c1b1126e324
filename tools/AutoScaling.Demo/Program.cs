using System.Runtime.InteropServices;

namespace AutoScaling.Demo;

/// <summary>The entry point: Ctrl-C (SIGINT) and SIGTERM stop the demo, which then stops everything it started.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true; // no default termination: the run stops its stack first
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var terminal = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
        return await Cli.RunAsync(args, Console.Out, Console.Error, terminal, stop.Token);
    }
}
