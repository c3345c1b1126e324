using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace AutoScaling.Testing;

/// <summary>The shape of a zero-dropped-requests run: who sends, to what, for how long, and how often the pool changes.</summary>
/// <param name="Target">The load balancer's address.</param>
/// <param name="Group">The scaling group whose manual target moves.</param>
/// <param name="Clients">Concurrent clients, each sending one request after the other.</param>
/// <param name="Baseline">The pool's size between cycles.</param>
/// <param name="Duration">How long the load lasts (at least until the last cycle is done).</param>
/// <param name="Cycles">Grow-and-shrink cycles (+1 and +2 alternately); 0 measures the same load without scaling.</param>
public sealed record PoolChurnSettings(Uri Target, string Group, int Clients, int Baseline, TimeSpan Duration, int Cycles)
{
    /// <summary>Gets the hard bound on the whole run, even when scaling is slower than <see cref="Duration"/> allows; the duration plus 90 s by default.</summary>
    public TimeSpan HardLimit { get; init; } = Duration + TimeSpan.FromSeconds(90);

    /// <summary>
    /// Gets a value indicating whether a GET the server reset before any response (a keep-alive connection closed by
    /// an NGINX worker that is shutting down after a reload) is sent again once, as RFC 9112 9.3.1 lets a client do
    /// with an idempotent request. Retries are counted apart (<see cref="PoolChurnResult.Retried"/>); a second failure is a failure.
    /// </summary>
    public bool RetryResetOnce { get; init; }

    /// <summary>Reads <c>AUTOSCALING_{PREFIX}_LOAD_SECONDS</c> (default 60) and <c>…_LOAD_CYCLES</c> (default 20), so a run can be shorter or unscaled for comparison.</summary>
    /// <param name="prefix">The suite's prefix: <c>HAPROXY</c>, <c>NGINX</c>.</param>
    /// <returns>The duration and the cycles.</returns>
    public static (TimeSpan Duration, int Cycles) FromEnvironment(string prefix)
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable($"AUTOSCALING_{prefix}_LOAD_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 60;
        var cycles = int.TryParse(Environment.GetEnvironmentVariable($"AUTOSCALING_{prefix}_LOAD_CYCLES"), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 20;
        return (TimeSpan.FromSeconds(seconds), cycles);
    }
}

/// <summary>What a run measured.</summary>
/// <param name="Latencies">Every request's latency in milliseconds, sorted.</param>
/// <param name="Failures">Requests not answered 2xx, with when.</param>
/// <param name="Slow">Requests over 500 ms, with when.</param>
/// <param name="Events">When each cycle's pool was routed and gone.</param>
/// <param name="Elapsed">How long the load lasted.</param>
/// <param name="Grown">Instances added over all cycles.</param>
/// <param name="Retried">Requests sent a second time after a reset (<see cref="PoolChurnSettings.RetryResetOnce"/>), with when.</param>
public sealed record PoolChurnResult(double[] Latencies, IReadOnlyList<string> Failures, IReadOnlyList<string> Slow, IReadOnlyList<string> Events, TimeSpan Elapsed, int Grown, IReadOnlyList<string> Retried)
{
    /// <summary>Gets the latency at <paramref name="p"/> (0.5 for the median), in milliseconds.</summary>
    /// <param name="p">The fraction.</param>
    /// <returns>The latency.</returns>
    public double Percentile(double p) => Latencies.Length == 0 ? 0 : Latencies[Math.Min(Latencies.Length - 1, (int)Math.Ceiling(p * Latencies.Length) - 1)];

    /// <summary>Gets the requests, failures, throughput and latency line of the report.</summary>
    /// <returns>Two lines.</returns>
    public string Summary() => string.Create(CultureInfo.InvariantCulture, $"""
        requests: {Latencies.Length}, failures: {Failures.Count}, sent again after a reset: {Retried.Count}, throughput: {Latencies.Length / Elapsed.TotalSeconds:F0} req/s
        latency ms: p50 {Percentile(0.50):F2}, p95 {Percentile(0.95):F2}, p99 {Percentile(0.99):F2}, max {(Latencies.Length > 0 ? Latencies[^1] : 0):F2}, requests over 500 ms: {Slow.Count}
        """);
}

/// <summary>
/// A bounded load against a load balancer while the real controller grows and shrinks the pool (the manual target
/// moves): the zero-dropped-requests acceptance run, shared by the HAProxy and NGINX suites.
/// </summary>
public static class PoolChurnLoad
{
    private const long MaxRequests = 5_000_000;

    /// <summary>Runs the load and the cycles; returns when both are over (hard bound: the duration plus 90 s).</summary>
    /// <param name="control">The hosted controller's control.</param>
    /// <param name="settings">The run's shape.</param>
    /// <returns>What was measured.</returns>
    public static async Task<PoolChurnResult> RunAsync(IAutoScalingControl control, PoolChurnSettings settings)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(settings);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = settings.Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var stop = new CancellationTokenSource(settings.HardLimit); // hard bound even if scaling stalls
        var clock = Stopwatch.StartNew();
        long issued = 0;
        var failures = new ConcurrentQueue<string>();
        var slow = new ConcurrentQueue<string>();
        var retried = new ConcurrentQueue<string>();
        var events = new ConcurrentQueue<string>();
        var latencies = new List<double>[settings.Clients];
        var scalingDone = false;
        var grown = 0;

        async Task ClientLoop(int index)
        {
            var mine = latencies[index] = new List<double>(64 * 1024);
            while ((!Volatile.Read(ref scalingDone) || clock.Elapsed < settings.Duration) && !stop.IsCancellationRequested && Interlocked.Increment(ref issued) <= MaxRequests)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await GetAsync();
                    if ((int)response.StatusCode is < 200 or > 299)
                    {
                        failures.Enqueue(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} at {clock.Elapsed.TotalSeconds:F1} s"));
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    if (stop.IsCancellationRequested)
                    {
                        break;
                    }

                    failures.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{ex.GetType().Name}: {ex.Message} ({ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}) at {clock.Elapsed.TotalSeconds:F1} s"));
                }

                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                mine.Add(ms);
                if (ms > 500)
                {
                    slow.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{ms:F0} ms ending at {clock.Elapsed.TotalSeconds:F2} s (client {index})"));
                }
            }
        }

        async Task<HttpResponseMessage> GetAsync()
        {
            try
            {
                var response = await http.GetAsync(settings.Target, HttpCompletionOption.ResponseContentRead, stop.Token);
                return response;
            }
            catch (HttpRequestException ex) when (settings.RetryResetOnce && ex.InnerException is IOException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset } })
            {
                retried.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{ex.InnerException.Message} at {clock.Elapsed.TotalSeconds:F1} s"));
                return await http.GetAsync(settings.Target, HttpCompletionOption.ResponseContentRead, stop.Token);
            }
        }

        async Task ScaleLoop()
        {
            try
            {
                if (settings.Cycles == 0)
                {
                    await Task.Delay(settings.Duration, stop.Token);
                    return;
                }

                var period = settings.Duration / settings.Cycles;
                for (var cycle = 0; cycle < settings.Cycles; cycle++)
                {
                    var cycleStart = clock.Elapsed;
                    var grow = cycle % 2 == 0 ? 1 : 2;
                    grown += grow;
                    control.SetManualTarget(settings.Group, settings.Baseline + grow);
                    await UntilReadyAsync(control, settings.Group, settings.Baseline + grow, TimeSpan.FromSeconds(20), stop.Token);
                    events.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F2} s: {settings.Baseline} -> {settings.Baseline + grow} routed"));

                    await Task.Delay(Remaining(period / 2, clock.Elapsed - cycleStart), stop.Token);
                    control.SetManualTarget(settings.Group, settings.Baseline);
                    await UntilReadyAsync(control, settings.Group, settings.Baseline, TimeSpan.FromSeconds(30), stop.Token);
                    events.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F2} s: {settings.Baseline + grow} -> {settings.Baseline} gone"));
                    await Task.Delay(Remaining(period, clock.Elapsed - cycleStart), stop.Token);
                }
            }
            finally
            {
                Volatile.Write(ref scalingDone, true);
            }
        }

        var workers = Enumerable.Range(0, settings.Clients).Select(i => Task.Run(() => ClientLoop(i))).ToList();
        await ScaleLoop();
        await Task.WhenAll(workers);
        var all = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
        return new PoolChurnResult(all, [.. failures], [.. slow], [.. events], clock.Elapsed, grown, [.. retried]);
    }

    /// <summary>Waits until the group has exactly <paramref name="count"/> instances, all active and routed.</summary>
    /// <param name="control">The control.</param>
    /// <param name="group">The group.</param>
    /// <param name="count">The instance count.</param>
    /// <param name="limit">How long to wait at most; then the test fails with the group's state.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task.</returns>
    public static async Task UntilReadyAsync(IAutoScalingControl control, string group, int count, TimeSpan limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(control);
        var until = Stopwatch.StartNew();
        while (until.Elapsed < limit)
        {
            var instances = control.GetStatus(group).Instances;
            if (instances.Count == count && instances.All(i => i.State == InstanceState.Active && i.Route == RouteState.Routed))
            {
                return;
            }

            await Task.Delay(20, cancellationToken);
        }

        Assert.Fail($"The group did not reach {count} routed instances within {limit}: [{string.Join(", ", control.GetStatus(group).Instances.Select(i => $"{i.Id} {i.State} {i.Route}"))}], last decision {control.GetStatus(group).LastDecision}.");
    }

    /// <summary>
    /// The group a churn run scales: busybox instances from <paramref name="instances"/>, <paramref name="baseline"/>
    /// to <paramref name="baseline"/> + 2 instances, a 200 ms interval, no scale-down window, the target set by hand.
    /// </summary>
    /// <param name="group">The group builder; the caller adds the router.</param>
    /// <param name="baseline">The pool's size between cycles.</param>
    /// <param name="instances">Where instances are started.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseChurnGroup(this IScalingGroupBuilder group, int baseline, BusyboxHost instances)
        => group
            .Configure(o =>
            {
                o.MinInstances = baseline;
                o.MaxInstances = baseline + 2;
                o.Interval = TimeSpan.FromMilliseconds(200);
                o.InstanceCheckInterval = TimeSpan.FromMilliseconds(100);
                o.InstanceStartTimeout = TimeSpan.FromSeconds(20);
                o.ScaleDown.StabilizationWindow = TimeSpan.Zero;
                o.StartRetries = 0;
            })
            .UseFixed(f => f.Instances = baseline)
            .UseInstances(_ => new BusyboxInstanceProvider(instances));

    private static TimeSpan Remaining(TimeSpan target, TimeSpan spent) => target > spent ? target - spent : TimeSpan.Zero;
}
