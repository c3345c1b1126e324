using Microsoft.Extensions.Hosting;

namespace AutoScaling.Controller;

internal sealed class ScalingGroupService : BackgroundService
{
    public static ScalingGroupService Create(IServiceProvider services, string name) => new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
