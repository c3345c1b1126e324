using Xunit.Abstractions;

namespace AutoScaling.Etcd.Tests;

/// <summary>
/// Hosts (separate processes) on a real etcd over TLS, with client certificates, and with users: the host whose settings
/// match is elected and acts; the others stay standby, say why in their logs, and never show a password.
/// </summary>
[Collection(EtcdSuite.Name)]
public sealed class SecureEtcdTests(ITestOutputHelper output)
{
    private const int Ttl = 4;
    private const string Prefix = "/autoscaling/elections/";

    [SkippableFact]
    public async Task Over_tls_the_host_trusting_the_ca_acts_and_hosts_with_a_wrong_or_no_ca_are_refused()
    {
        using var etcd = await SecureEtcd.StartTlsAsync(clientCertificates: false);
        using var fleet = new HostFleet([etcd.Endpoint], Ttl);
        fleet.Configure("trusting", new Dictionary<string, string> { ["TrustedCaFile"] = etcd.CaFile });
        fleet.Configure("wrong-ca", new Dictionary<string, string> { ["TrustedCaFile"] = etcd.OtherCaFile });

        var acted = await OnlyAsync(fleet, "trusting", "wrong-ca", "no-ca");

        await RefusedAsync(fleet, acted, "wrong-ca", "The remote certificate was rejected by the provided RemoteCertificateValidationCallback");
        await RefusedAsync(fleet, acted, "no-ca", "The remote certificate is invalid");
    }

    [SkippableFact]
    public async Task With_client_certificates_only_the_host_presenting_one_acts()
    {
        using var etcd = await SecureEtcd.StartTlsAsync(clientCertificates: true);
        using var fleet = new HostFleet([etcd.Endpoint], Ttl);
        fleet.Configure("certified", new Dictionary<string, string>
        {
            ["TrustedCaFile"] = etcd.CaFile,
            ["ClientCertificateFile"] = etcd.ClientCertificateFile,
            ["ClientKeyFile"] = etcd.ClientKeyFile,
        });
        fleet.Configure("anonymous", new Dictionary<string, string> { ["TrustedCaFile"] = etcd.CaFile });

        var acted = await OnlyAsync(fleet, "certified", "anonymous");

        await RefusedAsync(fleet, acted, "anonymous", "etcd at https://127.0.0.1:");
        var key = await etcd.CtlAsync("get", Prefix + "autoscaler", "--print-value-only");
        Assert.Equal("certified", key.Trim());
    }

    [SkippableFact]
    public async Task With_users_the_host_with_the_right_password_acts_and_a_wrong_password_is_refused_and_never_shown()
    {
        const string password = "autoscaler-Pa55-91d2";
        const string wrong = "wrong-Pa55-c0ffee";
        using var etcd = await SecureEtcd.StartWithUsersAsync("autoscaler", password, Prefix);
        using var fleet = new HostFleet([etcd.Endpoint], Ttl);
        fleet.Configure("member", new Dictionary<string, string> { ["Username"] = "autoscaler", ["Password"] = password });
        fleet.Configure("impostor", new Dictionary<string, string> { ["Username"] = "autoscaler", ["Password"] = wrong });

        var acted = await OnlyAsync(fleet, "member", "impostor");

        await RefusedAsync(fleet, acted, "impostor", "authentication failed, invalid user ID or password");
        var logs = fleet.Logs() + etcd.Output;
        Assert.DoesNotContain(password, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(SecureEtcd.RootPassword, logs, StringComparison.Ordinal);
        var key = await etcd.CtlAsync("get", Prefix + "autoscaler", "--print-value-only");
        Assert.Equal("member", key.Trim());
    }

    /// <summary>Starts the hosts with a target of 2 and waits until <paramref name="expected"/> leads and the count is reached; returns the actions.</summary>
    private static async Task<IReadOnlyList<HostAction>> OnlyAsync(HostFleet fleet, string expected, params string[] others)
    {
        fleet.SetTarget(2);
        fleet.Start([expected, .. others]);
        var (leader, epoch) = await fleet.SettledAsync(2, TimeSpan.FromSeconds(30));
        Assert.Equal(expected, leader);
        var actions = fleet.Actions;
        Assert.Equal(2, actions.Count);
        Assert.All(actions, a => Assert.Equal((epoch, expected, "provision"), (a.Epoch, a.Host, a.Action)));
        return actions;
    }

    /// <summary>Waits (bounded: 10 s) until the host's log says why etcd refused it, then checks it never led nor acted.</summary>
    private async Task RefusedAsync(HostFleet fleet, IReadOnlyList<HostAction> acted, string host, string reason)
    {
        var said = await Testing.Tools.WaitUntilAsync(
            () => Task.FromResult(fleet[host].Output.Contains("etcd call failed", StringComparison.Ordinal) && fleet[host].Output.Contains(reason, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(100));
        Assert.True(said, $"{host} did not log '{reason}' within 10 s:\n{fleet.Logs()}");
        output.WriteLine($"{host}: {fleet[host].Output.Split('\n').First(l => l.Contains("etcd call failed", StringComparison.Ordinal))}");
        Assert.NotEqual(host, fleet.Leader()?.Host);
        Assert.DoesNotContain(fleet.Actions, a => a.Host == host);
        Assert.Equal(acted.Count, fleet.Actions.Count);
        Assert.DoesNotContain(": elected", fleet[host].Output, StringComparison.Ordinal);
    }
}
