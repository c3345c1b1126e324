using System.Threading.Channels;

namespace AutoScaling.Controller;

/// <summary>
/// Hands a group's updates to its watchers. Each watcher has a bounded buffer that drops its oldest update when full,
/// so a slow watcher loses updates rather than ever blocking the controller; with no watcher, nothing is allocated.
/// </summary>
internal sealed class ScalingUpdateBroadcast
{
    public const int BufferCapacity = 256;

    private readonly object _lock = new();
    private volatile Channel<ScalingUpdate>[] _watchers = [];

    public bool HasWatchers => _watchers.Length > 0;

    public Channel<ScalingUpdate> Add()
    {
        var channel = Channel.CreateBounded<ScalingUpdate>(new BoundedChannelOptions(BufferCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        lock (_lock)
        {
            _watchers = [.. _watchers, channel];
        }

        return channel;
    }

    public void Remove(Channel<ScalingUpdate> channel)
    {
        lock (_lock)
        {
            _watchers = Array.FindAll(_watchers, c => c != channel);
        }

        channel.Writer.TryComplete();
    }

    public void Send(ScalingUpdate update)
    {
        foreach (var watcher in _watchers)
        {
            watcher.Writer.TryWrite(update); // DropOldest: never waits, never fails while open
        }
    }
}
