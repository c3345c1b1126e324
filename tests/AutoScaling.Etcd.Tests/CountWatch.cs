namespace AutoScaling.Etcd.Tests;

/// <summary>Samples the shared instance count every 20 ms (faster than the hosts' 200 ms tick) and keeps the highest seen.</summary>
internal sealed class CountWatch : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _max;

    public CountWatch(HostFleet fleet)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var count = fleet.InstanceCount;
                if (count > Volatile.Read(ref _max))
                {
                    Volatile.Write(ref _max, count);
                }

                await Task.Delay(20);
            }
        });
    }

    public int Max => Volatile.Read(ref _max);

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(1));
        _stop.Dispose();
    }
}
