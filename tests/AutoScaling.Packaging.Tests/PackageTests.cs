using System.IO.Compression;
using System.Xml.Linq;

namespace AutoScaling.Packaging.Tests;

/// <summary>The NuGet packages as a user gets them: metadata, README, docs and symbols, and a new app that consumes them.</summary>
public sealed class PackageTests(PackedPackages packages) : IClassFixture<PackedPackages>
{
    [Fact]
    public void Every_src_project_is_a_package_with_metadata_readme_docs_and_symbols()
    {
        Assert.Contains("AutoScaling.Core", packages.Projects);
        foreach (var project in packages.Projects)
        {
            var nupkg = Path.Combine(packages.Folder, $"{project}.{packages.Version}.nupkg");
            Assert.True(File.Exists(nupkg), $"{project}: no {Path.GetFileName(nupkg)}");
            Assert.True(File.Exists(Path.ChangeExtension(nupkg, ".snupkg")), $"{project}: no symbol package");
            using var zip = ZipFile.OpenRead(nupkg);
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (entries.Contains("tools/net10.0/any/DotnetToolSettings.xml"))
            {
                // A .NET tool (PackAsTool, e.g. autoscaling-sim): installed with `dotnet tool install`, not referenced;
                // its entry point is named after the command.
                Assert.Contains(entries, e => e.StartsWith("tools/net10.0/any/", StringComparison.Ordinal) && e.EndsWith(".runtimeconfig.json", StringComparison.Ordinal));
            }
            else
            {
                Assert.Contains($"lib/net10.0/{project}.dll", entries);
                Assert.Contains($"lib/net10.0/{project}.xml", entries);
            }

            Assert.Contains("README.md", entries);

            using var nuspec = zip.GetEntry(project + ".nuspec")!.Open();
            var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
            Assert.Equal(project, Field("id"));
            Assert.Equal(packages.Version, Field("version"));
            Assert.Equal("MIT", Field("license"));
            Assert.Equal("README.md", Field("readme"));
            Assert.False(string.IsNullOrWhiteSpace(Field("description")), $"{project}: no description");
            Assert.Contains("autoscaling", Field("tags") ?? string.Empty, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(Field("authors")), $"{project}: no authors");
        }
    }

    [Fact]
    public async Task A_new_console_app_adds_core_and_an_adapter_from_the_folder_builds_and_runs()
    {
        var app = DotnetCli.TempDirectory("autoscaling-consumer");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="autoscaling-local" value="{packages.Folder}" />
                  </packageSources>
                </configuration>
                """);
            await Run(app, "new", "console", "--name", "Consumer", "--output", app, "--framework", "net10.0");
            await Run(app, "add", "package", "AutoScaling.Core", "--version", packages.Version);
            await Run(app, "add", "package", "AutoScaling.Docker", "--version", packages.Version);
            await Run(app, "add", "package", "Microsoft.Extensions.Hosting", "--version", "10.0.14");
            await Run(app, "add", "package", "OpenTelemetry.Extensions.Hosting", "--version", "1.20.1");
            await Run(app, "add", "package", "OpenTelemetry.Exporter.OpenTelemetryProtocol", "--version", "1.20.1");
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
                using AutoScaling;
                using AutoScaling.Docker;
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.Extensions.Hosting;
                using Microsoft.Extensions.Options;
                using OpenTelemetry.Metrics;
                using OpenTelemetry.Trace;

                // The README's wiring: the group, and OpenTelemetry reading the "AutoScaling" meter and activity source.
                // The host is not started, so nothing is exported.
                var builder = Host.CreateApplicationBuilder(args);
                builder.Services.AddOpenTelemetry()
                    .WithMetrics(m => m.AddMeter("AutoScaling").AddOtlpExporter(o => o.Endpoint = new Uri("http://127.0.0.1:4317")))
                    .WithTracing(t => t.AddSource("AutoScaling").AddOtlpExporter(o => o.Endpoint = new Uri("http://127.0.0.1:4317")));
                builder.Services.AddAutoScaling()
                    .AddScalingGroup("web", g => g
                        .UseFixed(f => f.Instances = 2)
                        .UseDockerContainers(d =>
                        {
                            d.Image = "web:local";
                            d.PortRangeStart = 18100;
                            d.PortRangeEnd = 18109;
                        }));
                using var host = builder.Build();
                host.Services.GetRequiredService<IStartupValidator>().Validate();
                var options = host.Services.GetRequiredService<IOptionsMonitor<DockerContainerOptions>>().Get("web");
                Console.WriteLine($"consumed: group web, image {options.Image}, ports {options.PortRangeStart}-{options.PortRangeEnd}");
                Console.WriteLine($"opentelemetry: {host.Services.GetRequiredService<MeterProvider>().GetType().Name}");
                """);

            var output = await Run(app, "run", "-c", "Release");

            Assert.Contains("consumed: group web, image web:local, ports 18100-18109", output, StringComparison.Ordinal);
            Assert.Contains("opentelemetry: ", output, StringComparison.Ordinal);
            var restored = await File.ReadAllTextAsync(Path.Combine(app, "obj", "project.assets.json"));
            Assert.Contains($"\"AutoScaling.Core/{packages.Version}\"", restored, StringComparison.Ordinal);
            Assert.Contains("\"Docker.DotNet.Enhanced/4.3.3\"", restored, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }

    [Fact]
    public async Task An_outside_xunit_project_inherits_the_metric_source_contract_from_the_package_and_passes_it()
    {
        var app = DotnetCli.TempDirectory("autoscaling-contract-consumer");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="autoscaling-local" value="{packages.Folder}" />
                  </packageSources>
                </configuration>
                """);
            await File.WriteAllTextAsync(Path.Combine(app, "Consumer.Tests.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <IsPackable>false</IsPackable>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="AutoScaling.Testing.Contracts" Version="{packages.Version}" />
                    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                    <PackageReference Include="xunit" Version="2.9.3" />
                    <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
                  </ItemGroup>
                </Project>
                """);

            // A user's source over a value their application knows: a number, nothing yet, or a broken backend.
            await File.WriteAllTextAsync(Path.Combine(app, "QueueLengthSourceTests.cs"), """
                using AutoScaling;
                using AutoScaling.Testing;

                public sealed class QueueLengthSource(Func<double?> read) : IMetricSource
                {
                    public ValueTask<MetricSample> ReadAsync(MetricReadContext context, CancellationToken cancellationToken)
                    {
                        try
                        {
                            return ValueTask.FromResult(read() is { } value ? MetricSample.Valid(value, DateTimeOffset.UtcNow) : MetricSample.Missing(DateTimeOffset.UtcNow, "no queue yet"));
                        }
                        catch (InvalidOperationException ex)
                        {
                            return ValueTask.FromResult(MetricSample.Failed(DateTimeOffset.UtcNow, ex.Message));
                        }
                    }
                }

                public sealed class QueueLengthSourceTests : MetricSourceContractTests
                {
                    protected override Task<IMetricSource> CreateSourceWithValueAsync(double value) => Task.FromResult<IMetricSource>(new QueueLengthSource(() => value));

                    protected override Task<IMetricSource> CreateSourceWithoutDataAsync() => Task.FromResult<IMetricSource>(new QueueLengthSource(() => null));

                    protected override Task<IMetricSource> CreateFailingSourceAsync() => Task.FromResult<IMetricSource>(new QueueLengthSource(() => throw new InvalidOperationException("queue unreachable")));
                }
                """);

            var output = await Run(app, "test", "-c", "Release");

            var contract = typeof(AutoScaling.Testing.MetricSourceContractTests).GetMethods().Count(m => m.GetCustomAttributes(inherit: true).Any(a => a.GetType().Name is "SkippableFactAttribute" or "FactAttribute"));
            Assert.True(contract > 0, "the contract has no tests");
            Assert.Matches($@"(Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+{contract},)|(Total tests:\s+{contract}\s+Passed:\s+{contract}\b)", output);
            var restored = await File.ReadAllTextAsync(Path.Combine(app, "obj", "project.assets.json"));
            Assert.Contains($"\"AutoScaling.Testing.Contracts/{packages.Version}\"", restored, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }

    private static async Task<string> Run(string directory, params string[] args)
    {
        var (exit, output) = await DotnetCli.RunAsync(directory, TimeSpan.FromMinutes(10), args);
        Assert.True(exit == 0, $"dotnet {string.Join(' ', args)} failed ({exit}):\n{output}");
        return output;
    }
}
