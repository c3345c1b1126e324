using HdrHistogram;

namespace AutoScaling.Load;

/// <summary>
/// Sends GET requests on a schedule, open loop: each request leaves at its due time whether earlier ones answered or
/// not, and its latency counts from that due time (so a stalled server shows as latency, not as fewer requests).
/// </summary>
internal sealed class LoadRunner(HttpClient http, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly LongHistogram _latency = new(3_600_000_000, 3); // microseconds, up to one hour
    private long _sent;
    private long _ok;
    private long _other;
    private long _errors;
    private long _timeouts;
    private long _pending;

    /// <summary>Runs the schedule and waits for the last answer (each bounded by <paramref name="timeout"/>).</summary>
    /// <param name="url">The target.</param>
    /// <param name="schedule">When each request is due, from the start, in order.</param>
    /// <param name="end">When the run ends if the schedule ran out before its request cap: a quiet tail still counts as time.</param>
    /// <param name="maxRequests">The request cap: reaching it ends the run at once.</param>
    /// <param name="timeout">How long one request may take; past it, it counts as a timeout.</param>
    /// <param name="progress">Called about once a second with the counts so far.</param>
    /// <param name="cancellationToken">Stops sending (Ctrl-C); what was sent is still reported.</param>
    /// <returns>The report.</returns>
    public async Task<LoadReport> RunAsync(Uri url, IEnumerable<TimeSpan> schedule, TimeSpan end, long maxRequests, TimeSpan timeout, Action<LoadReport>? progress, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending = 1; // the schedule itself, released when it ends
        using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporting = ReportEverySecondAsync(ticker, start, progress, stop.Token);
        try
        {
            foreach (var due in schedule)
            {
                var wait = due - time.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }

                Interlocked.Increment(ref _pending);
                Interlocked.Increment(ref _sent);
                _ = SendAsync(url, start + (long)(due.TotalSeconds * time.TimestampFrequency), timeout, done);
            }

            var rest = end - time.GetElapsedTime(start);
            if (Interlocked.Read(ref _sent) < maxRequests && rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopped by the user: wait for what is in flight, then report
        }

        var sending = time.GetElapsedTime(start);
        Release(done);
        await done.Task.ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await reporting.ConfigureAwait(false);
        return Snapshot(time.GetElapsedTime(start), sending);
    }

    private async Task ReportEverySecondAsync(PeriodicTimer ticker, long start, Action<LoadReport>? progress, CancellationToken cancellationToken)
    {
        try
        {
            while (await ticker.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var elapsed = time.GetElapsedTime(start);
                progress?.Invoke(Snapshot(elapsed, elapsed));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendAsync(Uri url, long dueTimestamp, TimeSpan timeout, TaskCompletionSource done)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            await response.Content.CopyToAsync(Stream.Null, deadline.Token).ConfigureAwait(false);
            if ((int)response.StatusCode is >= 200 and < 300)
            {
                Interlocked.Increment(ref _ok);
            }
            else
            {
                Interlocked.Increment(ref _other);
            }

            Record(time.GetElapsedTime(dueTimestamp));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Interlocked.Increment(ref _timeouts);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _errors);
        }
        catch (IOException)
        {
            Interlocked.Increment(ref _errors);
        }
        finally
        {
            Release(done);
        }
    }

    private void Release(TaskCompletionSource done)
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            done.TrySetResult();
        }
    }

    private void Record(TimeSpan latency)
    {
        var micros = Math.Clamp((long)(latency.Ticks / 10.0), 1, _latency.HighestTrackableValue);
        lock (_gate)
        {
            _latency.RecordValue(micros);
        }
    }

    private LoadReport Snapshot(TimeSpan elapsed, TimeSpan sending)
    {
        lock (_gate)
        {
            var any = _latency.TotalCount > 0;
            return new LoadReport(
                elapsed,
                sending,
                Interlocked.Read(ref _sent),
                Interlocked.Read(ref _ok),
                Interlocked.Read(ref _other),
                Interlocked.Read(ref _errors),
                Interlocked.Read(ref _timeouts),
                any ? _latency.GetValueAtPercentile(50) / 1000.0 : double.NaN,
                any ? _latency.GetValueAtPercentile(95) / 1000.0 : double.NaN,
                any ? _latency.GetValueAtPercentile(99) / 1000.0 : double.NaN,
                any ? _latency.GetMaxValue() / 1000.0 : double.NaN);
        }
    }
}
