namespace AutoScaling.Etcd.Tests;

/// <summary>Samples the shared instance count every 20 ms (faster than the hosts' 200 ms tick) and keeps the highest seen.</summary>
internal sealed class CountWatch : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly HostFleet _fleet;
    private int _max;

    public CountWatch(HostFleet fleet)
    {
        _fleet = fleet;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample();
                await Task.Delay(20);
            }
        });
    }

    /// <summary>Gets the highest count seen, the count right now included (the loop may not have run since the last change).</summary>
    public int Max
    {
        get
        {
            Sample();
            return Volatile.Read(ref _max);
        }
    }

    private void Sample()
    {
        var count = _fleet.InstanceCount;
        int seen;
        while (count > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, count, seen) != seen)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(1));
        _stop.Dispose();
    }
}
