using System.Diagnostics;
using AutoScaling.Demo.Live;
using AutoScaling.Demo.Stack;
using AutoScaling.Load;

namespace AutoScaling.Demo.Tests;

/// <summary>The demo's pieces without a stack: the load profile, the decision log, the two outputs, the options, the configuration.</summary>
public sealed class DemoPartsTests
{
    private static readonly TimeSpan s_run = TimeSpan.FromSeconds(100);

    [Theory]
    [InlineData(0, 5)]       // the ramp starts at a sixth of the plateau
    [InlineData(12.5, 17.5)] // half way up
    [InlineData(30, 30)]     // plateau
    [InlineData(55, 60)]     // spike: twice the plateau
    [InlineData(65, 30)]     // plateau again
    [InlineData(85, 17.5)]   // half way down
    public void The_profile_ramps_holds_spikes_and_ramps_down(double second, double rate)
        => Assert.Equal(rate, DemoProfile.RateAt(TimeSpan.FromSeconds(second), s_run, 30), 6);

    [Fact]
    public void The_profile_as_a_trace_lasts_the_run_and_sends_its_integral()
    {
        var trace = DemoProfile.Trace(s_run, 30);
        Assert.Equal(s_run, trace.Length);

        // 25 s ramp 5→30 (437.5) + 25 s at 30 (750) + 10 s at 60 (600) + 10 s at 30 (300) + 30 s ramp 30→5 (525) = 2612.5
        var sent = LoadSchedule.SendTimes(trace, s_run, 1_000_000).Count();
        Assert.InRange(sent, 2600, 2625);
        Assert.Equal("spike", DemoProfile.PhaseAt(TimeSpan.FromSeconds(55), s_run));
        Assert.Equal("done", DemoProfile.PhaseAt(s_run, s_run));
    }

    [Fact]
    public void The_log_keeps_decisions_that_change_something_and_each_event_once()
    {
        var state = new LiveState(s_run, 30);
        var t0 = DateTimeOffset.UnixEpoch;
        state.OnStatus(Status(1, 1, "WithinTolerance", t0, rps: 8));
        state.OnStatus(Status(1, 1, "WithinTolerance", t0.AddSeconds(1), rps: 9));   // same decision: not logged again
        state.OnStatus(Status(1, 3, "ScaleUp", t0.AddSeconds(2), rps: 31));
        state.OnStatus(Status(1, 3, "ScaleUp", t0.AddSeconds(2), rps: 31));          // the same evaluation polled twice
        ScalingEventView[] events = [new(t0.AddSeconds(3), 1, 3, "ScaleUp", "Succeeded", 3, null)];
        state.OnEvents(events);
        state.OnEvents(events);
        state.OnStatus(Status(3, 3, "WithinTolerance", t0.AddSeconds(4), rps: 30, active: 3));

        Assert.Equal(
            ["decision  keep 1: WithinTolerance (rps 8.0)", "decision  1 -> 3: ScaleUp (rps 31.0)", "scaled    1 -> 3: Succeeded, reached 3 (ScaleUp)", "decision  keep 3: WithinTolerance (rps 30.0)"],
            state.Log.Select(l => l.Text));
        Assert.Equal(1, state.ChangingDecisions);
        Assert.Equal(3, state.MaxInstances);
        Assert.Equal(3, state.MaxDesired);
        Assert.Single(state.Events);
    }

    [Fact]
    public void A_terminal_gets_a_frame_redrawn_in_place_and_a_pipe_plain_lines()
    {
        var state = new LiveState(s_run, 30);
        state.At(TimeSpan.FromSeconds(55));
        state.OnStatus(Status(3, 4, "ScaleUp", DateTimeOffset.UnixEpoch, rps: 41, active: 3));

        using var terminal = new StringWriter();
        new LiveView(terminal, terminal: true).Show(state);
        Assert.StartsWith("\e[H", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("phase: spike", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("active 3  starting 0  draining 0  failed 0  desired 4", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("[###.....]", terminal.ToString(), StringComparison.Ordinal);

        using var pipe = new StringWriter();
        var plain = new LiveView(pipe, terminal: false);
        plain.Show(state);
        state.At(TimeSpan.FromSeconds(55.5));
        plain.Show(state); // within the same second: no second progress line
        var lines = pipe.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["00:55 decision  3 -> 4: ScaleUp (rps 41.0)", "00:55 target  60.0 req/s | active 3  starting 0  draining 0  failed 0  desired 4"], lines);
        Assert.DoesNotContain('\e', pipe.ToString());
    }

    [Theory]
    [InlineData("--duration", "5s", "--duration is '5s'; it must be from 10s to 10m")]
    [InlineData("--duration", "11m", "--duration is '11m'")]
    [InlineData("--rate", "0", "--rate is 0; it must be from 1 to 200")]
    [InlineData("--autoscaler", "/nonexistent/autoscaler", "--autoscaler is '/nonexistent/autoscaler', which does not exist")]
    public async Task Bad_options_are_refused_naming_the_option_and_the_value(string option, string value, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await Cli.RunAsync([option, value], output, error, terminal: false, CancellationToken.None);
        Assert.Equal(Cli.UserError, exit);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString()); // nothing was started
    }

    [Fact]
    public async Task The_generated_autoscaler_configuration_passes_the_autoscalers_own_check()
    {
        var folder = Directory.CreateTempSubdirectory("demo-config-").FullName;
        try
        {
            var settings = new StackSettings(folder, "demo-test", "0123456789abcdef0123456789abcdef");
            var file = Path.Combine(folder, "autoscaler.json");
            await File.WriteAllTextAsync(file, settings.AutoscalerConfig());
            var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "autoscaler")) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in (string[])["--check", "--config", file])
            {
                info.ArgumentList.Add(a);
            }

            info.Environment["Host__ControlApi__ReaderKey"] = settings.ReaderKey;
            using var check = Process.Start(info)!;
            var output = check.StandardOutput.ReadToEndAsync();
            var error = check.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await check.WaitForExitAsync(limit.Token);
            Assert.True(check.ExitCode == 0, await output + await error);
            Assert.Contains("the configuration is valid: 1 group(s): web", await output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static GroupStatus Status(int current, int desired, string reason, DateTimeOffset evaluated, double rps, int active = 1)
        => new(active, desired, new InstanceCounts(0, active, 0, 0), new Dictionary<string, MetricView> { ["rps"] = new("Valid", rps) }, new DecisionView(current, desired, reason), evaluated, null);
}
