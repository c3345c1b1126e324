using AutoScaling.Testing;
using Xunit.Abstractions;

namespace AutoScaling.Host.Tests.EndToEnd;

/// <summary>
/// The autoscaler SIGKILLed in the middle of a scale-out (1 → 5) while a new container has started but is not in the
/// backend yet (containers start 3 s late), then started again with the same configuration: it adopts what exists,
/// finishes or removes the half-started containers, and reaches 5 without a duplicate. Ports 17160-17179.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class AutoscalerKillTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task The_autoscaler_killed_mid_scale_out_and_started_again_adopts_what_exists_and_reaches_the_target_without_duplicates()
    {
        await using var stack = await AutoscalerStack.StartAsync(new StackSettings(17160, RpsSource.InMemory) { StartDelaySeconds = 3 }, output);
        Assert.True(await Tools.WaitUntilAsync(() => stack.AgreeAsync(1), TimeSpan.FromSeconds(60)), "the group did not start with 1 routed container: " + await stack.DescribeAsync());

        await stack.UpdateGroupAsync("rps 50: 5 instances", g => g["Metrics"]!["rps"]!["Value"] = 50);
        var midway = await Tools.WaitUntilAsync(
            async () => (await stack.ContainersAsync()).Count > (await stack.ServersAsync()).Count,
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(50));
        var before = await stack.ContainersAsync();
        var servers = await stack.ServersAsync();
        stack.KillHost();
        stack.Timeline.Note($"killed with containers [{string.Join(", ", before.Select(c => $":{c.Port} {c.State}"))}] and servers [{string.Join(", ", servers.Select(s => s.Name))}]");
        Assert.True(midway, "the scale-out did not start a container: " + await stack.DescribeAsync());
        Assert.True(before.Count > servers.Count, $"no container was half-started at the kill: containers {before.Count}, servers {servers.Count}");

        await stack.StartHostAsync();
        var converged = await Tools.WaitUntilAsync(async () => await stack.AgreeAsync(5) && (await stack.StatusAsync())?.Desired == 5, TimeSpan.FromSeconds(90));
        stack.Timeline.Note($"converged at 5: {converged}");
        Assert.True(converged, "the restarted autoscaler did not reach 5 containers, each a server in service: " + await stack.DescribeAsync());

        await Task.Delay(TimeSpan.FromSeconds(3)); // and stays there, without starting more
        var after = await stack.ContainersAsync();
        var routed = await stack.ServersAsync();
        Assert.True(await stack.AgreeAsync(5), "the group left 5 after converging: " + await stack.DescribeAsync());
        Assert.Equal(5, after.Count);
        Assert.Equal(after.Count, after.Select(c => c.Port).Distinct().Count()); // no two containers on one port
        Assert.Equal(routed.Count, routed.Select(s => (s.Address, s.Port)).Distinct().Count()); // no two servers for one address
        Assert.Contains("existing instances adopted", stack.Autoscaler.Output, StringComparison.Ordinal);

        // The containers that served at the kill are adopted, not replaced; the half-started ones were finished (now routed) or removed.
        var served = before.Where(b => servers.Any(s => s.Port == b.Port)).ToList();
        Assert.NotEmpty(served);
        Assert.All(served, b => Assert.Contains(after, a => a.Id == b.Id));
        var halfStarted = before.Except(served).ToList();
        stack.Timeline.Note($"half-started at the kill: {halfStarted.Count}; finished by the new autoscaler: {halfStarted.Count(h => after.Any(a => a.Id == h.Id))}, removed: {halfStarted.Count(h => after.All(a => a.Id != h.Id))}");
    }
}
