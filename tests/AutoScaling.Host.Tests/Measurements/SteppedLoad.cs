using System.Collections.Concurrent;
using System.Diagnostics;

namespace AutoScaling.Host.Tests.Measurements;

/// <summary>
/// Open-loop GETs to one loopback address at a rate that can be changed while it runs; every answer's body (the port
/// of the busybox instance that served it) is remembered with the time its first answer arrived since the last
/// <see cref="Mark"/>. Bounded by a request cap and by the caller's disposal.
/// </summary>
internal sealed class SteppedLoad : IAsyncDisposable
{
    private const int MaxRequests = 200_000;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _firstAnswer = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private double _rate;
    private long _sent;
    private long _ok;
    private long _failed;
    private long _inFlight;

    public SteppedLoad(Uri target, double rate)
    {
        _target = target;
        _rate = rate;
        _loop = Task.Run(RunAsync);
    }

    public long Sent => Interlocked.Read(ref _sent);

    public long Ok => Interlocked.Read(ref _ok);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Gets the failures by kind (status code or exception), for the report.</summary>
    public string Failures => string.Join(", ", _failures.OrderByDescending(f => f.Value).Select(f => $"{f.Key}: {f.Value}"));

    /// <summary>Changes the rate (requests per second) from now on.</summary>
    public void SetRate(double rate) => Volatile.Write(ref _rate, rate);

    /// <summary>Forgets which bodies were seen: from now on, <see cref="FirstAnswer"/> tells the first answer after this call.</summary>
    public void Mark() => _firstAnswer.Clear();

    /// <summary>When an answer with <paramref name="body"/> first arrived since the last <see cref="Mark"/>, if one did.</summary>
    public DateTimeOffset? FirstAnswer(string body) => _firstAnswer.TryGetValue(body, out var at) ? at : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        for (var i = 0; i < 200 && Interlocked.Read(ref _inFlight) > 0; i++)
        {
            await Task.Delay(50); // bounded: the client's timeout ends every request within 10 s
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var next = 0.0;
        while (!_stop.IsCancellationRequested && _sent < MaxRequests)
        {
            var now = clock.Elapsed.TotalSeconds;
            next = Math.Max(next, now - 0.05); // after a stall, catch up at most 50 ms of requests
            while (next <= now && _sent < MaxRequests)
            {
                _sent++;
                _ = SendAsync();
                next += 1 / Volatile.Read(ref _rate);
            }

            try
            {
                await Task.Delay(2, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void Fail(string kind)
    {
        Interlocked.Increment(ref _failed);
        _failures.AddOrUpdate(kind, 1, static (_, n) => n + 1);
    }

    private async Task SendAsync()
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            using var response = await _http.GetAsync(_target);
            var body = (await response.Content.ReadAsStringAsync()).Trim();
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _ok);
                _firstAnswer.TryAdd(body, DateTimeOffset.UtcNow);
            }
            else
            {
                Fail("HTTP " + (int)response.StatusCode);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Fail(ex.GetType().Name + " " + (ex.InnerException?.Message ?? ex.Message));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
