using System.Runtime.InteropServices;
using AutoScaling.Load;

// Ctrl-C (SIGINT) and SIGTERM alike: stop sending, wait for what is in flight, then print the summary.
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await Cli.RunAsync(args, Console.Out, Console.Error, cancellationToken: stop.Token);
