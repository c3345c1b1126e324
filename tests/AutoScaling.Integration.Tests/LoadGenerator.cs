using System.Diagnostics;

namespace AutoScaling.Integration.Tests;

/// <summary>
/// Bounded HTTP load: <c>clients</c> loops, each sending one GET every <c>period</c> (fixed rate, no catch-up bursts),
/// until stopped, or <c>maxDuration</c> passes, or <c>maxRequests</c> were sent. Counts every answer; any non-2xx or
/// error is a failure, and the first few failures are kept for the report. A loop that falls behind (a slow answer, a
/// stalled process on shared cores) skips what it missed, unless <c>maxCatchUp</c> lets it send up to that much of its
/// backlog at once, so the offered rate per second holds through short stalls.
/// </summary>
internal sealed class LoadGenerator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task[] _loops;
    private readonly List<string> _failures = [];
    private long _sent;
    private long _ok;
    private long _failed;

    public LoadGenerator(HttpClient http, Uri uri, int clients, TimeSpan period, TimeSpan maxDuration, long maxRequests, TimeSpan maxCatchUp = default)
    {
        _stop = new CancellationTokenSource(maxDuration);
        _loops = new Task[clients];
        for (var i = 0; i < clients; i++)
        {
            var offset = period * i / clients;
            _loops[i] = Task.Run(() => LoopAsync(http, uri, period, offset, maxRequests, maxCatchUp));
        }
    }

    public long Sent => Succeeded + Failed;

    public long Succeeded => Interlocked.Read(ref _ok);

    public long Failed => Interlocked.Read(ref _failed);

    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures];
            }
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync(HttpClient http, Uri uri, TimeSpan period, TimeSpan offset, long maxRequests, TimeSpan maxCatchUp)
    {
        var clock = Stopwatch.StartNew();
        var next = offset;
        while (!_stop.IsCancellationRequested && Interlocked.Increment(ref _sent) <= maxRequests)
        {
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Decrement(ref _sent);
                    return;
                }
            }

            next += period;
            if (next < clock.Elapsed - maxCatchUp)
            {
                next = clock.Elapsed - maxCatchUp; // late: at most maxCatchUp of backlog is sent at once (none by default)
            }

            try
            {
                // Not cancelled by the stop: a request once sent is always answered and counted.
                using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseContentRead);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _ok);
                }
                else
                {
                    Fail($"{clock.Elapsed.TotalSeconds:F1}s: HTTP {(int)response.StatusCode}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Fail($"{clock.Elapsed.TotalSeconds:F1}s: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private void Fail(string what)
    {
        Interlocked.Increment(ref _failed);
        lock (_failures)
        {
            if (_failures.Count < 20)
            {
                _failures.Add(what);
            }
        }
    }
}
