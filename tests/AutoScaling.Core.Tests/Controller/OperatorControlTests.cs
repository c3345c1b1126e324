using AutoScaling.Controller;
using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoScaling.Tests.Controller;

/// <summary>Evaluate now, scale requests and their conflicts, through the hosted loop on a manual clock.</summary>
public sealed class OperatorControlTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly ManualTimeProvider _time = new();
    private readonly IHost _host;
    private int _reads;
    private int _inFlight;
    private int _maxInFlight;

    public OperatorControlTests()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddAutoScaling().AddScalingGroup("web", g => g
            .Configure(o =>
            {
                o.MinInstances = 0;
                o.MaxInstances = 5;
                o.Interval = TimeSpan.FromSeconds(15);
                o.MaxInstancesPerStep = 2;
                o.InstanceCheckInterval = TimeSpan.FromSeconds(1);
            })
            .UseInMemoryInstances(i => i.StartupDelay = TimeSpan.FromSeconds(10))
            .UseMetric("load", Read)
            .UseFixed(f => f.Instances = 0));
        _host = builder.Build();
        Control = _host.Services.GetRequiredService<IAutoScalingControl>();
    }

    private IAutoScalingControl Control { get; }

    [Fact]
    public async Task Evaluate_now_runs_an_evaluation_without_the_clock_moving()
    {
        await StartAsync();
        var before = Volatile.Read(ref _reads);

        var decision = await Control.EvaluateNowAsync("web").WaitAsync(Wait);

        Assert.NotNull(decision);
        Assert.Equal(ScalingReason.NoChange, decision.Value.Reason);
        Assert.Equal(before + 1, Volatile.Read(ref _reads));
    }

    [Fact]
    public async Task Concurrent_evaluate_now_requests_never_run_two_evaluations_at_once()
    {
        await StartAsync();

        var requests = Enumerable.Range(0, 20).Select(_ => Task.Run(() => Control.EvaluateNowAsync("web"))).ToArray();
        await Task.WhenAll(requests).WaitAsync(Wait);

        Assert.Equal(1, _maxInFlight);
        Assert.InRange(Volatile.Read(ref _reads), 2, 21); // the first evaluation, then at most one per request (coalesced)
    }

    [Fact]
    public async Task A_scale_request_holds_the_group_until_its_action_ends_and_a_second_one_gets_a_conflict()
    {
        await StartAsync();

        var first = Control.ScaleAsync("web", 3);
        await Eventually.Until(() => Control.GetStatus("web").LastDecision?.DesiredInstances == 3);
        Assert.True(Control.GetStatus("web").OperationInProgress);
        Assert.False(first.IsCompleted); // instances take 10 s to start and the clock stands still

        var conflict = await Assert.ThrowsAsync<ScalingOperationConflictException>(() => Control.ScaleAsync("web", 1));
        Assert.Equal("web", conflict.Group);

        var status = await AdvanceUntil(first);
        Assert.Equal(3, status.Count(InstanceState.Active));
        Assert.Equal(3, status.ManualTarget);
        Assert.False(status.OperationInProgress);
        var e = Control.GetEvents("web")[^1];
        Assert.Equal((0, 3, ScalingOutcome.Succeeded, ScalingReason.ManualTarget), (e.From, e.To, e.Outcome, e.Reason));

        // Nothing runs now: the next request is accepted and moves the group down.
        var down = await AdvanceUntil(Control.ScaleAsync("web", 1));
        Assert.Equal(1, down.Count(InstanceState.Active));
    }

    [Fact]
    public async Task A_scale_action_the_policies_started_makes_a_scale_request_conflict()
    {
        await StartAsync();
        Control.SetManualTarget("web", 2);
        var evaluation = Control.EvaluateNowAsync("web");
        await Eventually.Until(() => Control.GetStatus("web").OperationInProgress); // no request holds it: the action does, waiting for its instances

        await Assert.ThrowsAsync<ScalingOperationConflictException>(() => Control.ScaleAsync("web", 4));

        await AdvanceUntil(evaluation);
        Assert.False(Control.GetStatus("web").OperationInProgress);
    }

    [Fact]
    public async Task A_target_outside_the_bounds_is_refused_before_claiming_the_group()
    {
        await StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Control.ScaleAsync("web", 6));

        Assert.Contains("MaxInstances (5)", error.Message, StringComparison.Ordinal);
        Assert.False(Control.GetStatus("web").OperationInProgress);
        Assert.Null(Control.GetStatus("web").ManualTarget);
    }

    [Fact]
    public async Task Stopping_the_host_cancels_the_requests_still_waiting()
    {
        await StartAsync();
        var scale = Control.ScaleAsync("web", 2);
        await Eventually.Until(() => Control.GetStatus("web").LastDecision?.DesiredInstances == 2);

        await _host.StopAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scale.WaitAsync(Wait));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Control.EvaluateNowAsync("web").WaitAsync(Wait));
    }

    [Fact]
    public async Task Watchers_receive_the_decision_and_the_scaling_event()
    {
        await StartAsync();
        using var cts = new CancellationTokenSource(Wait);
        var updates = new List<ScalingUpdate>();
        var watching = Task.Run(async () =>
        {
            await foreach (var u in Control.WatchAsync("web", cts.Token))
            {
                updates.Add(u);
                if (u.Kind == ScalingUpdateKind.Event)
                {
                    return;
                }
            }
        });
        await Eventually.Until(() => _host.Services.GetRequiredService<ScalingGroupRegistry>().Get("web").Group.Updates.HasWatchers);

        await AdvanceUntil(Control.ScaleAsync("web", 1));
        await watching.WaitAsync(Wait);

        Assert.Equal(ScalingUpdateKind.Status, updates[0].Kind); // the state when watching began comes first
        Assert.Equal("web", updates[0].Status.Name);
        var decision = updates.First(u => u.Kind == ScalingUpdateKind.Decision);
        Assert.Equal(1, decision.Status.LastDecision!.Value.DesiredInstances);
        var e = updates[^1].Event!;
        Assert.Equal(ScalingOutcome.Succeeded, e.Outcome);
        Assert.Equal(1, e.Reached);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private double Read()
    {
        var n = Interlocked.Increment(ref _inFlight);
        lock (_time)
        {
            _maxInFlight = Math.Max(_maxInFlight, n);
        }

        Interlocked.Increment(ref _reads);
        Thread.Yield(); // widens the window in which an overlapping evaluation would be seen
        Interlocked.Decrement(ref _inFlight);
        return 1;
    }

    private async Task StartAsync()
    {
        await _host.StartAsync();
        await Eventually.Until(() => Control.GetStatus("web").LastEvaluatedAt is not null);
    }

    /// <summary>
    /// Moves the manual clock a second at a time whenever the action waits on it (a timer armed besides the loop's periodic
    /// one); otherwise lets the background threads run. Bounded.
    /// </summary>
    private async Task<T> AdvanceUntil<T>(Task<T> task)
    {
        for (var i = 0; i < 5_000 && !task.IsCompleted; i++)
        {
            if (_time.ArmedTimers > 1)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
            }

            await Task.Delay(2);
        }

        return await task.WaitAsync(Wait);
    }
}
