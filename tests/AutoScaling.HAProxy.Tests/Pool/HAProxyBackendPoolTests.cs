using AutoScaling.Testing;
using System.Net;

namespace AutoScaling.HAProxy.Tests;

/// <summary>The backend pool against a real haproxy, with real busybox httpd backends.</summary>
public sealed class HAProxyBackendPoolTests(HAProxyFixture fixture) : IClassFixture<HAProxyFixture>
{
    private static int s_names;

    private static string NewName(string stem) => $"{stem}{Interlocked.Increment(ref s_names)}";

    /// <summary>The backend locks of one host: every pool of this test class shares them, as a host's groups do.</summary>
    private static readonly HAProxyBackendLocks s_locks = new();

    private HAProxyBackendPool Pool(string backend = "web", Action<HAProxyPoolOptions>? configure = null)
    {
        var options = new HAProxyPoolOptions { SocketPath = fixture.SocketPath, Backend = backend, DrainTimeout = TimeSpan.FromSeconds(10) };
        options.Check.Interval = TimeSpan.FromMilliseconds(100);
        configure?.Invoke(options);
        return new HAProxyBackendPool(fixture.HAProxy.Client(), options, locks: s_locks);
    }

    private static async Task<HAProxyServerState?> FindAsync(HAProxyBackendPool pool, string name)
        => (await pool.ListServersAsync(CancellationToken.None)).FirstOrDefault(s => s.Name == name);

    private static Task WaitUpAsync(HAProxyBackendPool pool, string name)
        => Http.UntilAsync(async () => (await FindAsync(pool, name))?.Operational == HAProxyOperationalState.Running, $"{name} up");

    [SkippableFact]
    public async Task Added_server_receives_requests_and_removed_server_is_gone()
    {
        Tools.Require();
        var pool = Pool();
        using var backend = await BusyboxBackend.StartAsync("alpha", TestPorts.Next());
        var name = NewName("as-add");

        var added = await pool.ApplyOrThrowAsync([BackendChange.Add(name, backend.EndPoint)], CancellationToken.None);
        Assert.Equal([name], added.Servers);
        await WaitUpAsync(pool, name);

        var (status, body) = await Http.GetAsync(fixture.WebPort);
        Assert.Equal(200, status);
        Assert.Equal("alpha", body);

        await pool.ApplyOrThrowAsync([BackendChange.Remove(name)], CancellationToken.None);
        Assert.Null(await FindAsync(pool, name));
        Assert.Equal(503, (await Http.GetAsync(fixture.WebPort)).Status);
    }

    [SkippableFact]
    public async Task New_server_takes_no_request_before_its_first_good_check()
    {
        Tools.Require();
        var pool = Pool();
        var name = NewName("as-nocheck");
        var nobody = new IPEndPoint(IPAddress.Loopback, TestPorts.Next());

        await pool.ApplyOrThrowAsync([BackendChange.Add(name, nobody)], CancellationToken.None);
        try
        {
            var state = await FindAsync(pool, name);
            Assert.NotNull(state);
            Assert.False(state.IsInMaintenance);
            Assert.Equal(HAProxyOperationalState.Stopped, state.Operational);
            Assert.True(state.HasCheck);

            // Nothing listens there: had the server been up before a check, HAProxy would have tried it.
            Assert.Equal(503, (await Http.GetAsync(fixture.WebPort)).Status);
            var stat = (await pool.ListStatsAsync(CancellationToken.None)).Single(s => s.Name == name);
            Assert.Equal("DOWN", stat.Status);
        }
        finally
        {
            await pool.ApplyOrThrowAsync([BackendChange.Remove(name)], CancellationToken.None);
        }
    }

    [SkippableFact]
    public async Task Drain_lets_the_request_in_flight_finish_and_sends_new_ones_elsewhere()
    {
        Tools.Require();
        var pool = Pool();
        using var leaving = await BusyboxBackend.StartAsync("leaving", TestPorts.Next());
        using var staying = await BusyboxBackend.StartAsync("staying", TestPorts.Next());
        string a = NewName("as-leave"), b = NewName("as-stay");

        await pool.ApplyOrThrowAsync([BackendChange.Add(a, leaving.EndPoint)], CancellationToken.None);
        await WaitUpAsync(pool, a);
        var slow = Http.GetAsync(fixture.WebPort, "/cgi-bin/slow?6"); // long enough for the checks and requests below on a busy machine
        await Http.UntilAsync(async () => (await pool.ListStatsAsync(CancellationToken.None)).Single(s => s.Name == a).CurrentSessions == 1, "the slow request on the leaving server");

        await pool.ApplyOrThrowAsync([BackendChange.Add(b, staying.EndPoint)], CancellationToken.None);
        await WaitUpAsync(pool, b);

        var removal = pool.ApplyAsync([BackendChange.Remove(a)], CancellationToken.None);
        await Http.UntilAsync(async () => (await FindAsync(pool, a))?.IsDraining == true, "the leaving server draining");
        for (var i = 0; i < 6; i++)
        {
            var (status, body) = await Http.GetAsync(fixture.WebPort);
            Assert.Equal(200, status);
            Assert.Equal("staying", body);
        }

        Assert.False(removal.IsCompleted, "the removal must wait for the request in flight");
        var (slowStatus, slowBody) = await slow;
        Assert.Equal(200, slowStatus);
        Assert.Equal("leaving slow", slowBody);

        var result = await removal;
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Empty(result.CutServers);
        Assert.Null(await FindAsync(pool, a));
        await pool.ApplyOrThrowAsync([BackendChange.Remove(b)], CancellationToken.None);
    }

    [SkippableFact]
    public async Task Drain_deadline_cuts_the_sessions_left()
    {
        Tools.Require();
        var pool = Pool(configure: o => o.DrainTimeout = TimeSpan.FromSeconds(1));
        using var backend = await BusyboxBackend.StartAsync("stuck", TestPorts.Next());
        var name = NewName("as-stuck");
        await pool.ApplyOrThrowAsync([BackendChange.Add(name, backend.EndPoint)], CancellationToken.None);
        await WaitUpAsync(pool, name);
        var slow = Http.GetAsync(fixture.WebPort, "/cgi-bin/slow?4");
        await Http.UntilAsync(async () => (await pool.ListStatsAsync(CancellationToken.None)).Single(s => s.Name == name).CurrentSessions == 1, "the slow request");

        var result = await pool.ApplyOrThrowAsync([BackendChange.Remove(name)], CancellationToken.None);

        Assert.Equal([name], result.CutServers);
        Assert.Null(await FindAsync(pool, name));
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var (status, _) = await slow;
            Assert.Equal(200, status);
        });
    }

    [SkippableFact]
    public async Task Failed_batch_is_undone_and_the_backend_is_as_it_was()
    {
        Tools.Require();
        var pool = Pool();
        using var one = await BusyboxBackend.StartAsync("one", TestPorts.Next());
        using var two = await BusyboxBackend.StartAsync("two", TestPorts.Next());
        string existing = NewName("as-existing"), fresh = NewName("as-fresh");
        await pool.ApplyOrThrowAsync([BackendChange.Add(existing, one.EndPoint)], CancellationToken.None);
        await WaitUpAsync(pool, existing);
        var before = Snapshot(await pool.ListServersAsync(CancellationToken.None));

        // add fresh (applied), drain existing (applied), drain an unknown server (HAProxy refuses): both undone.
        var result = await pool.ApplyAsync(
            [BackendChange.Add(fresh, two.EndPoint), BackendChange.Drain(existing), BackendChange.Drain("as-no-such-server")],
            CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("No such server.", result.Error!.Reply);
        Assert.Contains("HAProxy refused 'set server web/as-no-such-server state drain': No such server.", result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(result.UndoFailures);
        Assert.Equal(before, Snapshot(await pool.ListServersAsync(CancellationToken.None)));
        Assert.Equal("one", (await Http.GetAsync(fixture.WebPort)).Body);

        // add fresh (applied), add a name that exists (HAProxy refuses).
        result = await pool.ApplyAsync([BackendChange.Add(fresh, two.EndPoint), BackendChange.Add(existing, two.EndPoint)], CancellationToken.None);
        Assert.Equal("Already exists a server with the same name in backend.", result.Error!.Reply);
        Assert.Equal(before, Snapshot(await pool.ListServersAsync(CancellationToken.None)));

        // Failure after a deletion (the second 'del server' of the same server): the deleted server is added back,
        // with a new numeric id, in the same address and state, and it is routed again.
        result = await pool.ApplyAsync([BackendChange.Remove(existing), BackendChange.Remove(existing)], CancellationToken.None);
        Assert.Equal("No such server.", result.Error!.Reply);
        Assert.Contains("del server", result.Error.Command, StringComparison.Ordinal);
        Assert.Empty(result.UndoFailures);
        Assert.Equal(WithoutIds(before), WithoutIds(Snapshot(await pool.ListServersAsync(CancellationToken.None))));
        await WaitUpAsync(pool, existing);
        Assert.Equal("one", (await Http.GetAsync(fixture.WebPort)).Body);

        await pool.ApplyOrThrowAsync([BackendChange.Remove(existing)], CancellationToken.None);
    }

    [SkippableFact]
    public async Task Two_batches_for_one_backend_never_interleave()
    {
        Tools.Require();
        var pool = Pool();
        var other = Pool();
        using var backend = await BusyboxBackend.StartAsync("serial", TestPorts.Next());
        string first = NewName("as-serial"), second = NewName("as-serial");
        await pool.ApplyOrThrowAsync([BackendChange.Add(first, backend.EndPoint)], CancellationToken.None);
        await WaitUpAsync(pool, first);
        var slow = Http.GetAsync(fixture.WebPort, "/cgi-bin/slow?1");
        await Http.UntilAsync(async () => (await pool.ListStatsAsync(CancellationToken.None)).Single(s => s.Name == first).CurrentSessions == 1, "the slow request");

        var removal = pool.ApplyAsync([BackendChange.Remove(first)], CancellationToken.None);
        await Http.UntilAsync(async () => (await FindAsync(pool, first))?.IsDraining == true, "draining");
        var addition = other.ApplyAsync([BackendChange.Add(second, backend.EndPoint)], CancellationToken.None);

        var done = await Task.WhenAny(removal, addition);
        Assert.Same(removal, done);
        Assert.True((await removal).Succeeded);
        Assert.True((await addition).Succeeded);
        await slow;
        await pool.ApplyOrThrowAsync([BackendChange.Remove(second)], CancellationToken.None);
    }

    [SkippableFact]
    public async Task Slot_is_taken_routed_and_freed()
    {
        Tools.Require();
        var pool = Pool("slots");
        using var backend = await BusyboxBackend.StartAsync("slotted", TestPorts.Next());

        var taken = await pool.ApplyOrThrowAsync([BackendChange.TakeSlot("slot", backend.EndPoint)], CancellationToken.None);
        var slot = Assert.Single(taken.Servers);
        Assert.Matches("^slot[1-4]$", slot);
        var state = await FindAsync(pool, slot);
        Assert.Equal(backend.Address, state!.Endpoint);
        await WaitUpAsync(pool, slot);
        Assert.Equal("slotted", (await Http.GetAsync(fixture.SlotsPort)).Body);

        await pool.ApplyOrThrowAsync([BackendChange.FreeSlot(slot)], CancellationToken.None);
        state = await FindAsync(pool, slot);
        Assert.True(state!.IsFreeSlot);
        Assert.Equal(503, (await Http.GetAsync(fixture.SlotsPort)).Status);
    }

    [SkippableFact]
    public async Task No_free_slot_is_an_error_and_the_slots_taken_are_freed()
    {
        Tools.Require();
        var pool = Pool("slots");
        using var backend = await BusyboxBackend.StartAsync("full", TestPorts.Next());
        var before = Snapshot(await pool.ListServersAsync(CancellationToken.None));

        var result = await pool.ApplyAsync(Enumerable.Range(0, 5).Select(_ => BackendChange.TakeSlot("slot", backend.EndPoint)).ToList(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("no free 'slotN' slot", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(await pool.ListServersAsync(CancellationToken.None)));
    }

    private static List<string> WithoutIds(List<string> snapshot) => snapshot.Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]).Order().ToList();

    /// <summary>What must be identical before and after an undone batch: names, addresses, admin and operational states.</summary>
    private static List<string> Snapshot(IReadOnlyList<HAProxyServerState> servers)
        => servers.Select(s => $"{s.Id} {s.Name} {s.Endpoint} admin={s.Admin} op={s.Operational} w={s.Weight} check={s.HasCheck}").Order().ToList();
}
