using AutoScaling.Load;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop sending, wait for what is in flight, then print the summary
    stop.Cancel();
};
return await Cli.RunAsync(args, Console.Out, Console.Error, cancellationToken: stop.Token);
