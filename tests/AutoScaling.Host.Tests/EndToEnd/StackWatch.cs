namespace AutoScaling.Host.Tests.EndToEnd;

/// <summary>What the watch saw between <see cref="StackWatch.Begin"/> and <see cref="StackWatch.End"/>.</summary>
/// <param name="LowestRunning">The fewest running containers of ours.</param>
/// <param name="LowestCurrent">The smallest size the autoscaler reported (instances starting or active).</param>
/// <param name="LowestDesired">The smallest count a decision asked for.</param>
/// <param name="Reasons">Every decision reason seen.</param>
internal sealed record Observation(int LowestRunning, int LowestCurrent, int LowestDesired, IReadOnlySet<string> Reasons)
{
    public override string ToString() => $"lowest running {LowestRunning}, lowest size {LowestCurrent}, lowest desired {LowestDesired}, reasons [{string.Join(", ", Reasons)}]";
}

/// <summary>
/// Every 250 ms: the running containers of ours, our servers in service, and the autoscaler's view; a timeline line when
/// one changes, and the lowest of each while recording.
/// </summary>
internal sealed class StackWatch
{
    private readonly Lock _gate = new();
    private bool _recording;
    private int _lowestRunning;
    private int _lowestCurrent;
    private int _lowestDesired;
    private HashSet<string> _reasons = [];

    /// <summary>Starts recording the lowest counts.</summary>
    public void Begin()
    {
        lock (_gate)
        {
            (_recording, _lowestRunning, _lowestCurrent, _lowestDesired, _reasons) = (true, int.MaxValue, int.MaxValue, int.MaxValue, []);
        }
    }

    /// <summary>Stops recording and returns what was seen.</summary>
    public Observation End()
    {
        lock (_gate)
        {
            _recording = false;
            return new Observation(_lowestRunning, _lowestCurrent, _lowestDesired, _reasons);
        }
    }

    public async Task RunAsync(AutoscalerStack stack, CancellationToken cancellationToken)
    {
        var last = string.Empty;
        while (true)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            int running;
            try
            {
                running = (await stack.ContainersAsync()).Count(c => c.State == "running");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                continue; // dockerd busy or away: look again
            }

            string servers;
            try
            {
                servers = (await stack.ServersAsync()).Count(s => s.InService).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or OperationCanceledException or InvalidOperationException)
            {
                servers = "haproxy down";
            }

            var status = await stack.StatusAsync();
            Observe(running, status);
            var line = $"containers running {running}, servers in service {servers}; autoscaler {(status is null ? "not answering" : status.ToString())}";
            if (line != last)
            {
                stack.Timeline.Note(line);
                last = line;
            }
        }
    }

    private void Observe(int running, GroupStatus? status)
    {
        lock (_gate)
        {
            if (!_recording)
            {
                return;
            }

            _lowestRunning = Math.Min(_lowestRunning, running);
            if (status is not null)
            {
                _lowestCurrent = Math.Min(_lowestCurrent, status.Current);
                _lowestDesired = Math.Min(_lowestDesired, status.Desired ?? int.MaxValue);
                if (status.Reason is { } reason)
                {
                    _reasons.Add(reason);
                }
            }
        }
    }
}
