using System.Globalization;
using Microsoft.AspNetCore.Builder;

namespace AutoScaling.Host.Hosting;

/// <summary>The autoscaler's entry point: parses the command line, builds, checks, prints or runs, and maps the outcome to an exit code.</summary>
internal static class Autoscaler
{
    /// <summary>Stopped normally, or the configuration is valid (<c>--check</c>).</summary>
    public const int ExitOk = 0;

    /// <summary>Failed while starting or running (a port in use, a component that refused).</summary>
    public const int ExitFailed = 1;

    /// <summary>The configuration or the arguments are invalid; every problem was printed on stderr.</summary>
    public const int ExitInvalid = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Action<WebApplicationBuilder>? configure = null)
    {
        var cli = CommandLine.Parse(args);
        if (cli.Error is { } error)
        {
            await stderr.WriteLineAsync($"autoscaler: {error}\n\n{CommandLine.Usage}");
            return ExitInvalid;
        }

        if (cli.Help)
        {
            await stdout.WriteLineAsync(CommandLine.Usage);
            return ExitOk;
        }

        var built = AutoscalerApp.Build(cli, configure);
        await using var app = built.App;
        if (cli.PrintConfig)
        {
            ConfigPrinter.Write(app.Configuration, stdout);
            return ExitOk;
        }

        if (built.Problems.Count > 0)
        {
            await stderr.WriteLineAsync(Describe(built.Problems));
            return ExitInvalid;
        }

        if (cli.Check)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"autoscaler: the configuration is valid: {built.Groups.Count} group(s): {string.Join(", ", built.Groups)}."));
            return ExitOk;
        }

        try
        {
            await app.RunAsync();
            return ExitOk;
        }
#pragma warning disable CA1031 // the process's last word: one readable line instead of a stack trace
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"autoscaler: stopped: {ex.GetType().Name}: {ex.Message}");
            return ExitFailed;
        }
    }

    /// <summary>Lists the problems, one a line.</summary>
    public static string Describe(IReadOnlyList<string> problems)
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"autoscaler: the configuration has {problems.Count} problem(s); nothing was started:");
        foreach (var p in problems)
        {
            text.Append("\n  - ").Append(p);
        }

        return text.ToString();
    }
}
