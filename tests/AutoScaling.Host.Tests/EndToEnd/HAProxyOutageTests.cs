using AutoScaling.Testing;
using Xunit.Abstractions;

namespace AutoScaling.Host.Tests.EndToEnd;

/// <summary>
/// HAProxy killed during a scale-out and started again 8 s later on the same config, socket and ports (its dynamic
/// servers lost): the autoscaler's router calls fail and are logged, the process keeps running, and once haproxy is
/// back every container of the group is a server again and the group converges. Containers start 2 s late (a sleep
/// before httpd), so the kill lands while they start; the metric is the config file's value. Ports 17140-17159.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class HAProxyOutageTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task HAProxy_killed_during_a_scale_out_fails_the_actions_cleanly_and_the_group_converges_once_it_is_back()
    {
        await using var stack = await AutoscalerStack.StartAsync(new StackSettings(17140, RpsSource.InMemory) { StartDelaySeconds = 2 }, output);
        Assert.True(await Tools.WaitUntilAsync(() => stack.AgreeAsync(1), TimeSpan.FromSeconds(60)), "the group did not start with 1 routed container: " + await stack.DescribeAsync());

        await stack.UpdateGroupAsync("rps 40: 4 instances", g => g["Metrics"]!["rps"]!["Value"] = 40);
        Assert.True(
            await Tools.WaitUntilAsync(async () => (await stack.ContainersAsync()).Count > 1, TimeSpan.FromSeconds(30)),
            "the scale-out did not start: " + await stack.DescribeAsync());
        var during = await stack.ContainersAsync();
        var pid = stack.HAProxy.Process.Pid;
        var restartedAs = await stack.HAProxy.RestartAsync(TimeSpan.FromSeconds(8));
        stack.Timeline.Note($"haproxy pid {pid} killed with {during.Count} container(s) of ours ({during.Count(c => c.State == "running")} running); started again 8 s later as pid {restartedAs}");
        Assert.False(stack.Autoscaler.HasExited, "the autoscaler stopped while haproxy was away: " + stack.Autoscaler.Output);

        var converged = await Tools.WaitUntilAsync(async () => await stack.AgreeAsync(4) && (await stack.StatusAsync())?.Desired == 4, TimeSpan.FromSeconds(90));
        stack.Timeline.Note($"converged at 4: {converged}");
        Assert.True(converged, "the group did not converge to 4 containers, each a server in service, once haproxy was back: " + await stack.DescribeAsync());

        // And it stays there: nothing of ours runs outside the backend, nothing is started or stopped again.
        var ids = (await stack.ContainersAsync()).Select(c => c.Id).Order(StringComparer.Ordinal).ToList();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(await stack.AgreeAsync(4), "the group left 4 after converging: " + await stack.DescribeAsync());
        Assert.Equal(ids, (await stack.ContainersAsync()).Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.False(stack.Autoscaler.HasExited, "the autoscaler stopped: " + stack.Autoscaler.Output);
        Assert.Contains("Group web: router ", stack.Autoscaler.Output, StringComparison.Ordinal); // "Group web: router register failed: …" while it was away
        Assert.DoesNotContain("Unhandled exception", stack.Autoscaler.Output, StringComparison.Ordinal);
    }
}
