using AutoScaling.Testing;
using Xunit.Abstractions;

namespace AutoScaling.Host.Tests.EndToEnd;

/// <summary>
/// The autoscaler under a load step, scaling on haproxy's request rate (<c>HAProxyStats</c>, no Prometheus) at 4 req/s
/// per instance: 3 req/s, then 15 (5x), then 3 again, from the load tool through haproxy's frontend. Ports 17100-17119.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class StepLoadTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_load_step_scales_out_and_back_in_without_a_failed_request_and_leaves_nothing_behind()
    {
        await using var stack = await AutoscalerStack.StartAsync(new StackSettings(17100, RpsSource.HAProxyStats) { TargetPerInstance = 4 }, output);
        Assert.True(await Tools.WaitUntilAsync(() => stack.AgreeAsync(1), TimeSpan.FromSeconds(60)), "the group did not start with 1 routed container: " + await stack.DescribeAsync());

        // 3 req/s is 1 instance (a reading up to 4 keeps it), 15 req/s is 4 (3 on a low reading). 555 requests in 65 s.
        using var load = LoadTool.Start(stack.Frontend, "--profile", "step", "--steps", "3x10s,15x30s,3x25s", "--duration", "70s", "--max-requests", "1000", "--timeout", "10s");
        stack.Timeline.Note("load: 3 req/s for 10 s, 15 req/s for 30 s, 3 req/s for 25 s");
        var scaledOut = await Tools.WaitUntilAsync(async () => (await stack.ContainersAsync()).Count(c => c.State == "running") >= 3 && (await stack.ServersAsync()).Count >= 3, TimeSpan.FromSeconds(40));
        stack.Timeline.Note($"scaled out to 3 or more: {scaledOut}");
        Assert.True(scaledOut, "the group did not scale out to 3 containers, each a server, under 15 req/s: " + await stack.DescribeAsync());

        var scaledIn = await Tools.WaitUntilAsync(() => stack.AgreeAsync(1), TimeSpan.FromSeconds(60));
        stack.Timeline.Note($"scaled back in to 1: {scaledIn}");
        Assert.True(scaledIn, "the group did not scale back in to 1 after the step down: " + await stack.DescribeAsync());

        var result = await LoadTool.ResultAsync(load, TimeSpan.FromSeconds(90));
        stack.Timeline.Note("load: " + result);
        Assert.True(result.Sent >= 500, $"the load tool sent too few requests to mean anything: {result}");
        Assert.True(result.Failed == 0 && result.Ok == result.Sent, $"requests failed while the group scaled: {result}\n{await stack.DescribeAsync()}");

        // Scale to zero once the load is gone: the last container and its server go too; nothing of ours is left.
        await stack.UpdateGroupAsync("MinInstances 0", g => g["MinInstances"] = 0);
        var gone = await Tools.WaitUntilAsync(async () => (await stack.ContainersAsync()).Count == 0 && (await stack.ServersAsync()).Count == 0, TimeSpan.FromSeconds(60));
        Assert.True(gone, "containers or servers of ours were left after scaling to zero: " + await stack.DescribeAsync());
        Assert.Empty(await stack.Docker.ListAsync("io.autoscaling.owner=" + stack.Owner));
        Assert.False(stack.Autoscaler.HasExited, "the autoscaler stopped: " + stack.Autoscaler.Output);
    }
}
