using System.Diagnostics;
using System.Text;

namespace AutoScaling.Packaging.Tests;

/// <summary>Runs the dotnet CLI (or a built program) as a child process with a time limit; the output is kept for the assertion messages.</summary>
internal static class DotnetCli
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, TimeSpan limit, params string[] args)
        => RunProgramAsync("dotnet", workingDirectory, limit, args);

    public static async Task<(int ExitCode, string Output)> RunProgramAsync(string fileName, string workingDirectory, TimeSpan limit, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var output = new StringBuilder();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // this child (by its pid) and what it started
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not end within {limit}:\n{Text(output)}");
        }

        process.WaitForExit(); // drains the redirected output
        return (process.ExitCode, Text(output));
    }

    /// <summary>A fresh temporary directory (removed by the caller).</summary>
    public static string TempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
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
