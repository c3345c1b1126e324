using System.Text.Json;

namespace AutoScaling.Load.Tests;

/// <summary>The tool end to end against an in-process Kestrel on loopback: real requests, measured with loose tolerances.</summary>
public sealed class LoadToolTests(TestServer server) : IClassFixture<TestServer>
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Cli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static JsonElement Summary(string output) => JsonDocument.Parse(output.Trim()).RootElement;

    [Fact]
    public async Task Constant_rate_is_achieved_and_every_request_answered()
    {
        var (exit, output, error) = await RunAsync("--url", server.Url(), "--rate", "40", "--duration", "3s", "--json");
        Assert.True(exit == 0, error);
        var s = Summary(output);
        Assert.Equal(120, s.GetProperty("sent").GetInt64());
        Assert.Equal(120, s.GetProperty("ok").GetInt64());
        Assert.InRange(s.GetProperty("sentPerSecond").GetDouble(), 40 * 0.9, 40 * 1.05); // measured over the sending phase
        // Progress about once a second, on stderr with --json (on a loaded machine a tick may come late or be merged).
        var progress = error.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^t=[1-3]s sent=\d+ 2xx=\d+")).ToList();
        Assert.True(progress.Count >= 2, error);
    }

    [Fact]
    public async Task Open_loop_keeps_sending_while_answers_are_slow()
    {
        var before = server.Received;
        var (exit, output, _) = await RunAsync("--url", server.Url("/slow"), "--rate", "20", "--duration", "2s", "--json");
        var s = Summary(output);
        Assert.Equal(0, exit);
        Assert.Equal(40, s.GetProperty("sent").GetInt64()); // a closed loop of one connection would have sent 2 or 3
        Assert.Equal(40, s.GetProperty("ok").GetInt64());
        Assert.Equal(40, server.Received - before);
        Assert.True(s.GetProperty("durationSeconds").GetDouble() < 10);
        Assert.True(s.GetProperty("latencyMs").GetProperty("p50").GetDouble() >= 1000); // the server's second is in the latency
    }

    [Fact]
    public async Task Timeouts_and_other_statuses_are_counted_apart()
    {
        var slow = Summary((await RunAsync("--url", server.Url("/slow"), "--rate", "10", "--duration", "1s", "--timeout", "200ms", "--json")).Output);
        Assert.Equal(10, slow.GetProperty("timeouts").GetInt64());
        Assert.Equal(0, slow.GetProperty("ok").GetInt64());
        var failing = Summary((await RunAsync("--url", server.Url("/fail"), "--rate", "10", "--duration", "1s", "--json")).Output);
        Assert.Equal(10, failing.GetProperty("otherStatus").GetInt64());
    }

    [Fact]
    public async Task The_request_cap_ends_the_run_early()
    {
        var (exit, output, _) = await RunAsync("--url", server.Url(), "--rate", "100", "--duration", "30s", "--max-requests", "25", "--json");
        var s = Summary(output);
        Assert.Equal(0, exit);
        Assert.Equal(25, s.GetProperty("sent").GetInt64());
        Assert.True(s.GetProperty("durationSeconds").GetDouble() < 10);
    }

    [Fact]
    public async Task SIGTERM_stops_sending_and_prints_the_summary_like_ctrl_c()
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "autoscaling-load.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [tool, "--url", server.Url(), "--rate", "20", "--duration", "60s", "--json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            string? line;
            while ((line = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))) is not null && !line.StartsWith("t=", StringComparison.Ordinal))
            {
            }

            Assert.NotNull(line); // it reported its first second
            using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var s = Summary(await stdout);
            Assert.Equal(0, process.ExitCode);
            Assert.InRange(s.GetProperty("sent").GetInt64(), 20, 600); // stopped after the first second, long before 60 s
            Assert.Equal(s.GetProperty("sent").GetInt64(), s.GetProperty("ok").GetInt64()); // what was in flight was answered
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(); // by pid
            }
        }
    }

    [Theory]
    [InlineData("http://10.0.0.1:8080/", "'10.0.0.1' is not a loopback address")]
    [InlineData("http://172.17.0.2/", "'172.17.0.2' is not a loopback address")]
    [InlineData("http://example.com/", "'example.com' is not a loopback address")]
    [InlineData("ftp://127.0.0.1/", "must be an absolute http:// or https:// URL")]
    public async Task Targets_other_than_loopback_are_refused_before_anything_is_sent(string url, string expected)
    {
        var (exit, output, error) = await RunAsync("--url", url, "--rate", "1", "--duration", "1s");
        Assert.Equal(Cli.UserError, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("--duration", "2h", "--duration is 2h")]
    [InlineData("--max-requests", "0", "--max-requests is 0")]
    [InlineData("--profile", "sine", "--profile is 'sine'")]
    public async Task Bad_options_name_the_option_and_the_value(string option, string value, string expected)
    {
        var (exit, _, error) = await RunAsync("--url", server.Url(), option, value);
        Assert.Equal(Cli.UserError, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
