using AutoScaling.Docker.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoScaling.Docker.Tests.Client;

/// <summary>
/// API version negotiation against daemons speaking other ranges: a socket proxy in front of the real dockerd answers
/// <c>/version</c> and <c>/_ping</c> as Docker Engine 29 (1.44–1.52) or an old daemon (up to 1.24) would, and hands every
/// other call to the real daemon.
/// </summary>
public sealed class DockerApiVersionTests
{
    [SkippableTheory]
    [InlineData("1.44", "1.52", "1.52")] // Docker Engine 29 raised its minimum to 1.44
    [InlineData("1.24", "1.47", "1.47")]
    [InlineData("1.12", "1.99", "max")] // a daemon newer than this client: our newest
    public async Task Negotiates_the_newest_version_both_sides_speak_and_uses_it(string min, string max, string expected)
    {
        await DockerTestEnvironment.RequireAsync();
        var real = await DockerTestEnvironment.Client.NegotiateAsync(CancellationToken.None);
        await using var proxy = new DockerSocketProxy();
        proxy.PretendApiRange(min, max, real.ToString(2));
        using var client = new DockerClient(DockerEndpoint.Parse(proxy.Host), TimeSpan.FromSeconds(10));

        var version = await client.NegotiateAsync(CancellationToken.None);
        await client.ListContainersAsync(["autoscaling.test=none"], CancellationToken.None);

        var want = expected == "max" ? DockerApiVersions.Newest : Version.Parse(expected);
        Assert.Equal(want, version);
        Assert.Contains(proxy.RequestLines, l => l.StartsWith($"GET /v{want.ToString(2)}/containers/json?", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_daemon_older_than_any_version_we_speak_fails_with_both_ranges_named()
    {
        await DockerTestEnvironment.RequireAsync();
        await using var proxy = new DockerSocketProxy();
        proxy.PretendApiRange("1.12", "1.24", "1.41");
        using var client = new DockerClient(DockerEndpoint.Parse(proxy.Host), TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<DockerApiException>(() => client.ListContainersAsync(["autoscaling.test=none"], CancellationToken.None));

        Assert.Equal(DockerErrorKind.UnsupportedApiVersion, error.Kind);
        Assert.Contains("1.12", error.Message, StringComparison.Ordinal);
        Assert.Contains("1.24", error.Message, StringComparison.Ordinal);
        Assert.Contains(DockerApiVersions.Oldest.ToString(2), error.Message, StringComparison.Ordinal);
        Assert.Contains(proxy.Host, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(proxy.RequestLines, l => l.Contains("/containers/", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_host_whose_daemon_has_no_version_in_common_fails_at_start()
    {
        await DockerTestEnvironment.RequireAsync();
        await using var proxy = new DockerSocketProxy();
        proxy.PretendApiRange("1.12", "1.24", "1.41");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAutoScaling().AddScalingGroup("web", g => g
            .UseFixed(f => f.Instances = 0)
            .UseDockerContainers(d =>
            {
                d.DockerHost = proxy.Host;
                d.Image = DockerTestEnvironment.Image;
                d.PortRangeStart = 18480;
                d.PortRangeEnd = 18489;
            }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.StartsWith("AutoScaling group 'web': Docker at " + proxy.Host + " speaks Engine API 1.12 to 1.24", error.Message, StringComparison.Ordinal);
        Assert.Contains("no version in common", error.Message, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("1.44", "1.52", "1.52")]
    [InlineData("1.12", "1.41", "1.41")]
    [InlineData(null, "1.41", "1.41")] // a daemon that does not say its minimum
    [InlineData("1.44", "1.99", "max")]
    public void Chooses_the_top_of_the_overlap(string? min, string max, string expected)
    {
        var chosen = DockerApiVersions.Choose(min is null ? null : Version.Parse(min), Version.Parse(max));

        Assert.Equal(expected == "max" ? DockerApiVersions.Newest : Version.Parse(expected), chosen);
    }

    [Theory]
    [InlineData("1.12", "1.24")] // too old for us
    [InlineData("1.99", "1.99")] // too new for us: its minimum is above our newest
    public void No_overlap_is_none(string min, string max)
        => Assert.Null(DockerApiVersions.Choose(Version.Parse(min), Version.Parse(max)));
}
