using System.Text;
using AutoScaling.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoScaling.Host.Tests;

/// <summary>Builds and runs the autoscaler in this process, from a JSON text as a user's file would give it.</summary>
internal static class InProcessHost
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Builds the application from <paramref name="json"/> (over the environment, under the arguments), on <paramref name="time"/> when given.</summary>
    public static AutoscalerApp Build(string? json, TimeProvider? time = null, params string[] args)
        => AutoscalerApp.Build(CommandLine.Parse(args), b => Configure(b, json, time));

    /// <summary>Runs the entry point as the executable would (arguments, exit code, stdout, stderr), the JSON written to a file passed with --config.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string? json, params string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"autoscaler-{Guid.NewGuid():N}.json");
        try
        {
            string[] all = json is null ? args : ["--config", file, .. args];
            if (json is not null)
            {
                await File.WriteAllTextAsync(file, json);
            }

            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exit = await Autoscaler.RunAsync(all, stdout, stderr, b => b.Logging.ClearProviders());
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Reads an example configuration shipped with the host (src/AutoScaling.Host/examples).</summary>
    public static string Example(string name) => File.ReadAllText(Path.Combine(RepositoryRoot, "src", "AutoScaling.Host", "examples", name));

    private static void Configure(WebApplicationBuilder builder, string? json, TimeProvider? time)
    {
        builder.Logging.ClearProviders();
        if (json is not null)
        {
            // Over the environment, under the command line (so a test's --Key=value arguments override the text).
            var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
            var commandLine = sources.Count;
            for (var i = 0; i < sources.Count; i++)
            {
                if (sources[i] is CommandLineConfigurationSource)
                {
                    commandLine = i;
                }
            }

            sources.Insert(commandLine, new JsonStreamConfigurationSource { Stream = new MemoryStream(Encoding.UTF8.GetBytes(json)) });
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AutoScaling.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AutoScaling.sln not found above " + AppContext.BaseDirectory);
    }
}
