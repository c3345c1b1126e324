using System.Diagnostics;
using AutoScaling.Demo.Live;
using AutoScaling.Demo.Stack;
using AutoScaling.Load;

namespace AutoScaling.Demo;

/// <summary>What one run is asked for (from the command line).</summary>
internal sealed record DemoOptions(TimeSpan Duration, double Plateau, string Autoscaler, string RunDirectory, bool Terminal);

/// <summary>
/// One demo: starts the stack, drives the load profile while polling the control API and redrawing the view, then stops
/// everything it started (on the end of the load, an error, Ctrl-C or SIGTERM alike) and prints the summary.
/// </summary>
internal sealed class DemoRun(DemoOptions options, TextWriter output, TextWriter error)
{
    /// <summary>How long the stack may take to come up (dockerd, a container, Prometheus' first scrapes).</summary>
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);

    /// <summary>How long one request may take before it counts as a timeout (HAProxy queues up to 30 s for a busy server).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs the demo; returns 0 when it ran (or was interrupted) and everything it started was stopped, 1 otherwise.</summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        Directory.CreateDirectory(options.RunDirectory);
        var owner = "demo-" + Guid.NewGuid().ToString("N")[..10];
        var settings = new StackSettings(options.RunDirectory, owner, Guid.NewGuid().ToString("N"));
        var view = new LiveView(output, options.Terminal);
        var state = new LiveState(options.Duration, options.Plateau);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        using var apiHttp = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = StackSettings.Autoscaler, Timeout = TimeSpan.FromSeconds(2) };
        var api = new ControlApiClient(apiHttp, StackSettings.Group, settings.ReaderKey);
        var stack = new DemoStack(settings, options.Autoscaler, line => output.WriteLine("demo: " + line));
        output.WriteLine($"demo: owner id {owner}, files and logs in {options.RunDirectory}");
        var exit = 0;
        LoadReport? load = null;
        IReadOnlyList<string> problems;
        try
        {
            await stack.StartAsync(api, http, StartLimit, stop);
            view.Begin();
            load = await DriveAsync(api, state, view, stop);
        }
        catch (DemoException e)
        {
            error.WriteLine("demo: " + e.Message);
            exit = 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM while the stack was starting: stop what started
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error.WriteLine($"demo: failed: {e}");
            exit = 1;
        }
        finally
        {
            view.End();
            output.WriteLine(stop.IsCancellationRequested ? "demo: interrupted; stopping everything it started" : "demo: stopping everything it started");
            problems = await stack.StopAsync();
        }

        output.WriteLine();
        foreach (var line in LiveView.Summary(state, load, stack, problems))
        {
            output.WriteLine(line);
        }

        return problems.Count == 0 ? exit : 1;
    }

    private async Task<LoadReport?> DriveAsync(ControlApiClient api, LiveState state, LiveView view, CancellationToken stop)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var loadStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var duration = options.Duration;
        var maxRequests = (long)Math.Ceiling(2 * options.Plateau * duration.TotalSeconds) + 10;
        var schedule = LoadSchedule.SendTimes(DemoProfile.Trace(duration, options.Plateau), duration, maxRequests);
        var runner = new LoadRunner(http, TimeProvider.System);
        var started = Stopwatch.GetTimestamp();
        var load = Task.Run(() => runner.RunAsync(StackSettings.Frontend, schedule, duration, maxRequests, RequestTimeout, state.OnLoad, loadStop.Token), CancellationToken.None);

        // The hard cap: the load ends by itself at its duration and waits at most a request timeout for the last answers;
        // past that it is told to stop, and past a second timeout it is left behind and the stack is stopped anyway.
        var cancelAt = duration + RequestTimeout + TimeSpan.FromSeconds(5);
        var abandonAt = cancelAt + RequestTimeout + TimeSpan.FromSeconds(5);
        for (var tick = 0; !load.IsCompleted; tick++)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed > abandonAt)
            {
                state.Add("the load did not finish within its hard cap; stopping the stack without it");
                view.Show(state);
                return state.Load;
            }

            if (elapsed > cancelAt)
            {
                await loadStop.CancelAsync();
            }

            await PollAsync(api, state, elapsed, events: tick % 4 == 0);
            view.Show(state);
            await Task.WhenAny(load, Task.Delay(s_poll, CancellationToken.None));
        }

        await PollAsync(api, state, Stopwatch.GetElapsedTime(started), events: true);
        view.Show(state);
        return await load;
    }

    private static async Task PollAsync(ControlApiClient api, LiveState state, TimeSpan elapsed, bool events)
    {
        // Polled without the stop token: after Ctrl-C the load drains for a moment and the view keeps showing it.
        state.At(elapsed);
        if (await api.StatusAsync(CancellationToken.None) is { } status)
        {
            state.OnStatus(status);
        }

        if (events && await api.EventsAsync(CancellationToken.None) is { } list)
        {
            state.OnEvents(list);
        }
    }
}
