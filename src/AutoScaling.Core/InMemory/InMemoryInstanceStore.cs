using System.Globalization;

namespace AutoScaling.InMemory;

/// <summary>The instances of one simulated group, shared by the <see cref="InMemoryInstanceProvider"/>s built over it. Thread-safe.</summary>
public sealed class InMemoryInstanceStore
{
    private readonly object _lock = new();
    private readonly List<Record> _records = [];
    private int _next;

    /// <summary>Gets how many instances exist, in any state.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>Makes an instance fail now, as a crash would.</summary>
    /// <param name="id">The instance's id.</param>
    /// <returns><see langword="true"/> when the instance exists.</returns>
    public bool Fail(string id)
    {
        lock (_lock)
        {
            var index = _records.FindIndex(r => r.Id == id);
            if (index < 0)
            {
                return false;
            }

            _records[index] = _records[index] with { Fails = true, ReadyAt = DateTimeOffset.MinValue };
            return true;
        }
    }

    internal Record Add(DateTimeOffset createdAt, DateTimeOffset readyAt, bool fails)
    {
        lock (_lock)
        {
            var n = ++_next;
            var record = new Record(string.Create(CultureInfo.InvariantCulture, $"mem-{n}"), createdAt, readyAt, fails);
            _records.Add(record);
            return record;
        }
    }

    internal bool Remove(string id)
    {
        lock (_lock)
        {
            return _records.RemoveAll(r => r.Id == id) > 0;
        }
    }

    internal IReadOnlyList<ScalingInstance> Snapshot(DateTimeOffset now)
    {
        lock (_lock)
        {
            var result = new ScalingInstance[_records.Count];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = _records[i].ToInstance(now);
            }

            return result;
        }
    }

    /// <summary>One simulated instance; its address is <c>{id}:80</c>, so a router can be exercised without a network.</summary>
    internal sealed record Record(string Id, DateTimeOffset CreatedAt, DateTimeOffset ReadyAt, bool Fails)
    {
        private string Address => Id + ":80";

        public ScalingInstance ToInstance(DateTimeOffset now)
        {
            if (now < ReadyAt)
            {
                return new ScalingInstance(Id, Address, InstanceState.Starting, CreatedAt);
            }

            return Fails
                ? new ScalingInstance(Id, Address, InstanceState.Failed, CreatedAt) { FailureReason = "The simulated instance failed." }
                : new ScalingInstance(Id, Address, InstanceState.Active, CreatedAt);
        }
    }
}
