using System.CommandLine;
using System.Globalization;
using System.Net;

namespace AutoScaling.Load;

/// <summary>The <c>autoscaling-load</c> command line.</summary>
internal static class Cli
{
    public const int UserError = 2;

    /// <summary>The largest --max-requests: a run stays bounded even when asked for more.</summary>
    public const long MaxRequestsLimit = 1_000_000;

    /// <summary>The longest --duration.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var url = new Option<string>("--url", "-u") { Description = "The target, as http://127.0.0.1:8080/. Loopback only unless --allow-remote.", Required = true };
        var profile = new Option<string>("--profile", "-p") { Description = "constant, ramp, step, spike or trace.", DefaultValueFactory = _ => "constant" };
        var rate = new Option<double>("--rate", "-r") { Description = "Requests per second: the constant rate, the ramp's start, the spike's base.", DefaultValueFactory = _ => 10 };
        var to = new Option<double?>("--to") { Description = "The ramp's final rate, or the spike's peak." };
        var rampTime = new Option<string?>("--ramp-time") { Description = "How long the ramp climbs (default: the whole --duration)." };
        var steps = new Option<string?>("--steps") { Description = "The step profile: RATExDURATION items, as 10x5s,50x10s,10x5s." };
        var spikeAt = new Option<string>("--spike-at") { Description = "When the spike starts.", DefaultValueFactory = _ => "5s" };
        var spikeFor = new Option<string>("--spike-for") { Description = "How long the spike lasts.", DefaultValueFactory = _ => "5s" };
        var trace = new Option<FileInfo?>("--trace") { Description = "The trace profile: a CSV 'timestamp_seconds,requests_per_second' (as in ../shared/traces)." };
        var speed = new Option<double>("--speed") { Description = "How much faster than recorded the trace plays (60: a trace minute per second).", DefaultValueFactory = _ => 60 };
        var rateScale = new Option<double>("--rate-scale") { Description = "Multiplies the trace's rates.", DefaultValueFactory = _ => 1 };
        var duration = new Option<string>("--duration", "-d") { Description = "Hard cap on the run's length (at most 1h).", DefaultValueFactory = _ => "10s" };
        var maxRequests = new Option<long>("--max-requests", "-n") { Description = $"Hard cap on requests sent (at most {MaxRequestsLimit}).", DefaultValueFactory = _ => 10_000 };
        var timeout = new Option<string>("--timeout") { Description = "How long one request may take before it counts as a timeout.", DefaultValueFactory = _ => "5s" };
        var json = new Option<bool>("--json") { Description = "Print the final summary as JSON (progress lines go to stderr)." };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow a target that is not a loopback address." };
        var root = new RootCommand(
            "Sends HTTP GET requests at a rate following a profile, open loop (on schedule, whatever the answers), and reports "
            + "sent, 2xx, other statuses, errors, timeouts and latency p50/p95/p99/max.\n"
            + "Example: autoscaling-load --url http://127.0.0.1:8080/ --profile step --steps 10x5s,50x10s,10x5s --duration 30s")
        {
            url, profile, rate, to, rampTime, steps, spikeAt, spikeFor, trace, speed, rateScale, duration, maxRequests, timeout, json, allowRemote,
        };

        var exit = 0;
        root.SetAction(async (r, ct) =>
        {
            try
            {
                var target = Target(r.GetRequiredValue(url), r.GetValue(allowRemote));
                var cap = Duration(r.GetRequiredValue(duration), "--duration");
                if (cap <= TimeSpan.Zero || cap > MaxDuration)
                {
                    throw new CliException($"--duration is {r.GetRequiredValue(duration)}; it must be above 0 and at most 1h.");
                }

                var max = r.GetValue(maxRequests);
                if (max is < 1 or > MaxRequestsLimit)
                {
                    throw new CliException($"--max-requests is {max}; it must be from 1 to {MaxRequestsLimit}.");
                }

                var perRequest = Duration(r.GetRequiredValue(timeout), "--timeout");
                var shape = Profile(r, profile, rate, to, rampTime, steps, spikeAt, spikeFor, trace, speed, rateScale, cap);
                var progressTo = r.GetValue(json) ? error : output;
                using var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
                using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
                var runner = new LoadRunner(http, time ?? TimeProvider.System);
                var end = shape.Length is { } length && length < cap ? length : cap;
                var report = await runner.RunAsync(target, LoadSchedule.SendTimes(shape, cap, max), end, max, perRequest, p => progressTo.WriteLine(p.ProgressLine()), ct).ConfigureAwait(false);
                output.WriteLine(r.GetValue(json) ? report.Json() : report.Text());
            }
            catch (Exception e) when (e is CliException or FormatException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: {e.Message}");
                exit = UserError;
            }
        });
        var parsed = root.Parse(args);
        var code = await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
        return code != 0 ? code : exit;
    }

    /// <summary>The target URL, refused unless http(s) to a loopback address (or <paramref name="allowRemote"/>).</summary>
    internal static Uri Target(string text, bool allowRemote)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--url is '{text}'; it must be an absolute http:// or https:// URL, as http://127.0.0.1:8080/.");
        }

        var loopback = IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address);
        if (!loopback && !allowRemote)
        {
            throw new CliException($"--url is '{text}': host '{uri.Host}' is not a loopback address (127.0.0.0/8 or ::1). Nothing was sent; pass --allow-remote to load another host on purpose.");
        }

        return uri;
    }

    private static LoadProfile Profile(ParseResult r, Option<string> profile, Option<double> rate, Option<double?> to, Option<string?> rampTime, Option<string?> steps, Option<string> spikeAt, Option<string> spikeFor, Option<FileInfo?> trace, Option<double> speed, Option<double> rateScale, TimeSpan duration)
    {
        var baseRate = NotNegative(r.GetValue(rate), "--rate");
        var name = r.GetRequiredValue(profile);
        switch (name)
        {
            case "constant":
                return new ConstantProfile(baseRate);
            case "ramp":
                var over = r.GetValue(rampTime) is { } ramp ? Duration(ramp, "--ramp-time") : duration;
                return new RampProfile(baseRate, NotNegative(r.GetValue(to) ?? throw new CliException("--profile ramp needs --to (the final rate)."), "--to"), over > TimeSpan.Zero ? over : throw new CliException("--ramp-time must be above 0."));
            case "step":
                return StepProfile.Parse(r.GetValue(steps) ?? throw new CliException("--profile step needs --steps, as 10x5s,50x10s."));
            case "spike":
                return new SpikeProfile(baseRate, NotNegative(r.GetValue(to) ?? throw new CliException("--profile spike needs --to (the peak rate)."), "--to"), Duration(r.GetRequiredValue(spikeAt), "--spike-at"), Duration(r.GetRequiredValue(spikeFor), "--spike-for"));
            case "trace":
                var file = r.GetValue(trace) ?? throw new CliException("--profile trace needs --trace FILE.");
                var pace = r.GetValue(speed);
                var scale = r.GetValue(rateScale);
                if (!(pace > 0) || !(scale >= 0))
                {
                    throw new CliException(string.Create(CultureInfo.InvariantCulture, $"--speed is {pace} and --rate-scale {scale}; --speed must be above 0 and --rate-scale 0 or more."));
                }

                using (var reader = file.OpenText())
                {
                    return TraceProfile.Load(reader, pace, scale, file.Name);
                }

            default:
                throw new CliException($"--profile is '{name}'; it must be constant, ramp, step, spike or trace.");
        }
    }

    private static double NotNegative(double value, string option)
        => double.IsFinite(value) && value >= 0 ? value : throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{option} is {value}; it must be a rate of 0 or more requests per second."));

    private static TimeSpan Duration(string text, string option)
        => Durations.TryParse(text, out var value) ? value : throw new CliException($"{option} is '{text}'; it must be a duration such as 500ms, 30s, 2m or 1h.");
}

/// <summary>A mistake on the command line; its message names the option and the value.</summary>
internal sealed class CliException(string message) : Exception(message);
