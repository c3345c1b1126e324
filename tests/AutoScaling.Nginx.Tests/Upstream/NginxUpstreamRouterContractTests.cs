using System.Text.RegularExpressions;
using AutoScaling.Testing;

namespace AutoScaling.Nginx.Tests;

/// <summary>
/// The router contract for <see cref="NginxUpstreamRouter"/> over busybox httpd instances and a real nginx master.
/// Foreign registrations are servers in the user's own file (<c>user.conf</c>, upstream <c>others</c>), added by the test.
/// </summary>
public sealed partial class NginxUpstreamRouterContractTests(NginxFixture fixture) : InstanceRouterContractTests, IClassFixture<NginxFixture>
{
    /// <inheritdoc/>
    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            fixture.Instances.Dispose();
        }
    }

    /// <inheritdoc/>
    protected override Task RequireBackendAsync()
    {
        NginxFixture.Require();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override Task<IInstanceRouter> CreateRouterAsync() => Task.FromResult<IInstanceRouter>(fixture.Router());

    /// <inheritdoc/>
    protected override async Task<ScalingInstance> StartInstanceAsync()
    {
        var (id, backend) = await fixture.Instances.StartAsync();
        return new ScalingInstance(id, backend.Address, InstanceState.Active, DateTimeOffset.UtcNow);
    }

    /// <inheritdoc/>
    protected override async Task<string> AddForeignRegistrationAsync(ScalingInstance instance)
    {
        var text = await File.ReadAllTextAsync(fixture.UserFile);
        await File.WriteAllTextAsync(fixture.UserFile, text.Replace("}\n", $"    server {instance.Address}; # manual-1\n}}\n", StringComparison.Ordinal));
        await fixture.ReloadAsync();
        return "manual-1";
    }

    /// <inheritdoc/>
    protected override async Task RemoveForeignRegistrationAsync(string name)
    {
        var lines = (await File.ReadAllLinesAsync(fixture.UserFile)).Where(l => !l.EndsWith("# " + name, StringComparison.Ordinal));
        await File.WriteAllLinesAsync(fixture.UserFile, lines);
        await fixture.ReloadAsync();
    }

    /// <summary>Every server in the configuration NGINX runs: the owned file's, read as text, and the user's (named by their comment).</summary>
    /// <returns>The registrations.</returns>
    protected override async Task<IReadOnlyList<RouteRegistration>> ListAllAsync()
    {
        var all = new List<RouteRegistration>();
        foreach (var file in new[] { fixture.OwnedFile, fixture.UserFile })
        {
            foreach (Match m in ServerLine().Matches(await File.ReadAllTextAsync(file)))
            {
                if (m.Groups["name"].Value.StartsWith("placeholder", StringComparison.Ordinal))
                {
                    continue;
                }

                var address = m.Groups["address"].Value;
                var name = m.Groups["name"].Success ? m.Groups["name"].Value : address;
                all.Add(new RouteRegistration(name, address, m.Groups["down"].Success ? RouteState.Maintenance : RouteState.Routed));
            }
        }

        return all;
    }

    [GeneratedRegex(@"^\s*server (?<address>\S+)[^;\n]*?(?<down> down)?;(?: # (?<name>\S+))?", RegexOptions.Multiline)]
    private static partial Regex ServerLine();
}
