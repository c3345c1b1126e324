using AutoScaling.Testing;
using Xunit.Abstractions;

namespace AutoScaling.Host.Tests.EndToEnd;

/// <summary>
/// The autoscaler under a load step, scaling on haproxy's request rate (<c>HAProxyStats</c>, no Prometheus): 8 req/s,
/// then 40 (5x), then 8 again, from the load tool through haproxy's frontend. Ports 17100-17119.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class StepLoadTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_load_step_scales_out_and_back_in_without_a_failed_request_and_leaves_nothing_behind()
    {
        await using var stack = await AutoscalerStack.StartAsync(new StackSettings(17100, RpsSource.HAProxyStats), output);
        Assert.True(await Tools.WaitUntilAsync(() => stack.AgreeAsync(1), TimeSpan.FromSeconds(60)), "the group did not start with 1 routed container: " + await stack.DescribeAsync());

        // 10 req/s per instance: 8 req/s is 1 instance, 40 req/s is 4 (or 5 on a high reading). 1480 requests in 65 s.
        using var load = LoadTool.Start(stack.Frontend, "--profile", "step", "--steps", "8x10s,40x30s,8x25s", "--duration", "70s", "--max-requests", "2000", "--timeout", "10s");
        stack.Timeline.Note("load: 8 req/s for 10 s, 40 req/s for 30 s, 8 req/s for 25 s");
        var scaledOut = await Tools.WaitUntilAsync(async () => (await stack.ServersAsync()).Count(s => s.InService) >= 4, TimeSpan.FromSeconds(40));
        stack.Timeline.Note($"scaled out to 4 or more: {scaledOut}");
        Assert.True(scaledOut, "the group did not scale out to 4 routed instances under 40 req/s: " + await stack.DescribeAsync());

        var scaledIn = await Tools.WaitUntilAsync(() => stack.AgreeAsync(1), TimeSpan.FromSeconds(60));
        stack.Timeline.Note($"scaled back in to 1: {scaledIn}");
        Assert.True(scaledIn, "the group did not scale back in to 1 after the step down: " + await stack.DescribeAsync());

        var result = await LoadTool.ResultAsync(load, TimeSpan.FromSeconds(90));
        stack.Timeline.Note("load: " + result);
        Assert.True(result.Sent >= 1400, $"the load tool sent too few requests to mean anything: {result}");
        Assert.True(result.Failed == 0 && result.Ok == result.Sent, $"requests failed while the group scaled: {result}\n{await stack.DescribeAsync()}");

        // Scale to zero once the load is gone: the last container and its server go too; nothing of ours is left.
        await stack.UpdateGroupAsync("MinInstances 0", g => g["MinInstances"] = 0);
        var gone = await Tools.WaitUntilAsync(async () => (await stack.ContainersAsync()).Count == 0 && (await stack.ServersAsync()).Count == 0, TimeSpan.FromSeconds(60));
        Assert.True(gone, "containers or servers of ours were left after scaling to zero: " + await stack.DescribeAsync());
        Assert.Empty(await stack.Docker.ListAsync("io.autoscaling.owner=" + stack.Owner));
        Assert.False(stack.Autoscaler.HasExited, "the autoscaler stopped: " + stack.Autoscaler.Output);
    }
}
