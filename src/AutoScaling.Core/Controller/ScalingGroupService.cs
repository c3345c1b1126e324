using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoScaling.Controller;

/// <summary>
/// The hosted loop of one group: an evaluation at start, then one per interval (a <see cref="PeriodicTimer"/> on the group's
/// <see cref="TimeProvider"/>; a slow tick delays the next rather than overlapping it), and one as soon as an operator asks
/// (<see cref="EvaluationRequests"/>). This loop is the only caller of <see cref="ScalingGroupController.TickAsync"/>.
/// </summary>
internal sealed class ScalingGroupService(ScalingGroupRegistry registry, string name) : BackgroundService
{
    private ScalingGroupController? _controller;

    public static ScalingGroupService Create(IServiceProvider services, string name)
        => new(services.GetRequiredService<ScalingGroupRegistry>(), name);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Build the group here, not in ExecuteAsync, so a bad composition stops the host from starting.
        _controller = registry.Get(name);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var controller = _controller!;
        var group = controller.Group;
        using var timer = new PeriodicTimer(group.Model.Options.Interval, group.Time);
        try
        {
            await LoopAsync(controller, timer, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            group.Evaluations.Close();
        }
    }

    private static async Task LoopAsync(ScalingGroupController controller, PeriodicTimer timer, CancellationToken stoppingToken)
    {
        var group = controller.Group;
        var interval = timer.Period;
        Task<bool>? tick = null; // at most one wait on the timer at a time, kept across "evaluate now" wake-ups
        while (true)
        {
            if (group.Model.Options.Interval != interval)
            {
                interval = group.Model.Options.Interval; // a reload changed it
                timer.Period = interval;
            }

            var request = group.Evaluations.Begin();
            try
            {
                request.TrySetResult(await controller.TickAsync(stoppingToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                request.TrySetCanceled(stoppingToken);
                return;
            }
            catch (Exception ex)
            {
                Log.EvaluationFailed(group.Logger, group.Name, ex);
                group.Publish(group.Status with { LastError = ex.Message });
                request.TrySetResult(null);
            }

            tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
            try
            {
                if (await Task.WhenAny(tick, group.Evaluations.Woken).ConfigureAwait(false) == tick)
                {
                    if (!await tick.ConfigureAwait(false))
                    {
                        return;
                    }

                    tick = null;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
