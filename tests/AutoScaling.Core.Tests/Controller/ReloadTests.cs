using AutoScaling.Controller;
using AutoScaling.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AutoScaling.Tests.Controller;

/// <summary>A group bound from a configuration file follows the file while the host runs; a bad change keeps the last good model.</summary>
public sealed class ReloadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autoscaling-reload-").FullName;
    private readonly FakeLogCollector _logs = new();

    private string File => Path.Combine(_dir, "appsettings.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Limits_policies_and_windows_follow_the_file_and_the_history_carries_over()
    {
        Write(min: 1, max: 3, fixedInstances: 5, downWindow: "00:05:00");
        using var services = Build(out var controller);
        Assert.NotNull(controller.Reloader);

        await TwoTicksAsync(controller);
        var first = controller.Group.Status.LastDecision;
        Assert.Equal((3, ScalingReason.AtMaximum), (first!.Value.DesiredInstances, first.Value.Reason));

        await RewriteAsync(controller, min: 1, max: 6, fixedInstances: 5, downWindow: "00:05:00");
        var raised = await TickAsync(controller);
        Assert.Equal(5, raised!.Value.DesiredInstances);
        Assert.Equal(6, controller.Group.Status.MaxInstances);

        // A new policy target: the 5 recommended a moment ago is still in the kept 5-minute window.
        await RewriteAsync(controller, min: 1, max: 6, fixedInstances: 2, downWindow: "00:05:00");
        var held = await TickAsync(controller);
        Assert.Equal((5, ScalingReason.StabilizedDown), (held!.Value.DesiredInstances, held.Value.Reason));

        // A shorter window takes effect too: with none, the group goes down to the new target.
        await RewriteAsync(controller, min: 1, max: 6, fixedInstances: 2, downWindow: "00:00:00");
        var down = await TickAsync(controller);
        Assert.Equal(2, down!.Value.DesiredInstances);
    }

    [Fact]
    public async Task An_invalid_change_is_refused_with_every_problem_named_and_the_last_good_model_stays()
    {
        Write(min: 1, max: 4, fixedInstances: 4, downWindow: "00:00:00");
        using var services = Build(out var controller);
        await TwoTicksAsync(controller);

        await RewriteAsync(controller, min: 9, max: 4, fixedInstances: -1, downWindow: "00:00:00");
        var after = await TickAsync(controller);

        Assert.Equal(4, after!.Value.DesiredInstances);
        Assert.Equal(4, controller.Group.Model.Options.MaxInstances);
        var refused = Assert.Single(_logs.GetSnapshot(), l => l.Level == LogLevel.Error && l.Message.Contains("refused", StringComparison.Ordinal)).Message;
        Assert.Contains("AutoScaling group 'web': MinInstances is 9", refused, StringComparison.Ordinal);
        Assert.Contains("Instances is -1", refused, StringComparison.Ordinal);
    }

    private static async Task TwoTicksAsync(ScalingGroupController controller)
    {
        await TickAsync(controller); // from nothing to the minimum
        await TickAsync(controller);
    }

    private static Task<ScalingDecision?> TickAsync(ScalingGroupController controller)
    {
        ((ManualTimeProvider)controller.Group.Time).Advance(TimeSpan.FromSeconds(15));
        return controller.TickAsync(CancellationToken.None);
    }

    private ServiceProvider Build(out ScalingGroupController controller)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(File, optional: false, reloadOnChange: true).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(_logs)));
        services.AddAutoScaling().AddScalingGroup("web", configuration.GetSection("AutoScaling:Groups:web"), g => g.UseInMemoryInstances(i => i.StartupDelay = TimeSpan.Zero));
        var provider = services.BuildServiceProvider();
        controller = provider.GetRequiredService<ScalingGroupRegistry>().Get("web");
        return provider;
    }

    private void Write(int min, int max, int fixedInstances, string downWindow)
        => System.IO.File.WriteAllText(File, $$"""
            { "AutoScaling": { "Groups": { "web": {
                "MinInstances": {{min}}, "MaxInstances": {{max}}, "Interval": "00:00:15",
                "ScaleDown": { "StabilizationWindow": "{{downWindow}}" },
                "Policies": [ { "Type": "Fixed", "Instances": {{fixedInstances}} } ] } } } }
            """);

    /// <summary>Rewrites the file and waits (bounded, on the real file watcher) until the group has seen the change.</summary>
    private async Task RewriteAsync(ScalingGroupController controller, int min, int max, int fixedInstances, string downWindow)
    {
        Write(min, max, fixedInstances, downWindow);
        for (var waited = 0; waited < 200 && !controller.Reloader!.IsPending; waited++)
        {
            await Task.Delay(50);
        }

        Assert.True(controller.Reloader!.IsPending, "the file watcher did not report the change within 10 s");
    }
}
