using System.Globalization;

namespace AutoScaling.Packaging.Tests;

/// <summary>
/// Every src/ project packed once into a temporary folder, with a version of its own (0.1.0-local.TIME) so a package
/// cached by an earlier run is never taken for this one.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    public string Folder { get; } = DotnetCli.TempDirectory("autoscaling-packages");

    public string Version { get; } = "0.1.0-local." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    /// <summary>
    /// Gets the project names under src/ (a new project is packed and checked without touching this test), except the
    /// applications that say <c>&lt;IsPackable&gt;false&lt;/IsPackable&gt;</c> (the autoscaler ships as a binary and an image).
    /// </summary>
    public IReadOnlyList<string> Projects { get; } = Directory.GetDirectories(Path.Combine(DotnetCli.RepositoryRoot, "src"))
        .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
        .Where(d => !File.ReadAllText(Path.Combine(d, Path.GetFileName(d) + ".csproj")).Contains("<IsPackable>false</IsPackable>", StringComparison.Ordinal))
        .Select(Path.GetFileName)
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToList()!;

    public async Task InitializeAsync()
    {
        foreach (var project in Projects)
        {
            var csproj = Path.Combine(DotnetCli.RepositoryRoot, "src", project, project + ".csproj");
            var (exit, output) = await DotnetCli.RunAsync(DotnetCli.RepositoryRoot, TimeSpan.FromMinutes(10), "pack", csproj, "-c", "Release", "-o", Folder, "-warnaserror", "-p:PackageVersion=" + Version);
            Assert.True(exit == 0, $"dotnet pack {project} failed ({exit}):\n{output}");
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
