using AutoScaling.Forecasting;
using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling.Prometheus.Tests;

/// <summary>UsePrometheusHistory against a real prometheus behind TLS (a private CA) and basic authentication; the password stays out of errors.</summary>
public sealed class PrometheusSecureHistoryTests : IAsyncLifetime
{
    private const int Port = 19531;

    private PrometheusServer? _prometheus;
    private string? _caPath;

    public async Task InitializeAsync()
    {
        if (PrometheusServer.Binary is null)
        {
            return;
        }

        (_prometheus, _caPath) = await PrometheusSecurityTests.StartSecureAsync(Port);
    }

    public Task DisposeAsync()
    {
        _prometheus?.Dispose();
        return Task.CompletedTask;
    }

    [SkippableFact]
    public async Task Private_ca_and_basic_auth_load_the_history()
    {
        var points = await LoadAsync(h => { h.CaCertificatePath = _caPath; h.Username = PrometheusSecurityTests.User; h.Password = PrometheusSecurityTests.Password; });

        Assert.InRange(points.Count, 12, 13); // an hour at 5 minutes, both ends
        Assert.All(points, p => Assert.Equal(7, p.Value));
    }

    [SkippableFact]
    public async Task Wrong_password_fails_the_load_without_the_password_in_the_error()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => LoadAsync(h => { h.CaCertificatePath = _caPath; h.Username = PrometheusSecurityTests.User; h.Password = "wrong-history-secret"; }));

        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-history-secret", ex.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Certificate_of_an_unknown_ca_is_refused()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => LoadAsync(h => { h.Username = PrometheusSecurityTests.User; h.Password = PrometheusSecurityTests.Password; }));

        Assert.Contains("certificate", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(PrometheusSecurityTests.Password, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_are_validated_as_the_instant_query_ones_without_the_secret()
    {
        var failures = PrometheusHistoryOptionsValidator.Validate("web", "rps", new PrometheusHistoryOptions
        {
            Query = "up",
            Password = "history-secret",
            BearerToken = "token-secret",
        }).Failures;

        Assert.Contains(failures, f => f.Contains("Username", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("BearerToken", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("secret", StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<MetricHistoryPoint>> LoadAsync(Action<PrometheusHistoryOptions> configure)
    {
        Component.Require(PrometheusServer.Binary is not null, PrometheusServer.HowToInstall);
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", g => g.UsePrometheusHistory("rps", h =>
        {
            h.Server = _prometheus!.Address;
            h.Query = "vector(7)";
            h.Lookback = TimeSpan.FromHours(1);
            h.Timeout = TimeSpan.FromSeconds(10);
            configure(h);
        }));
        await using var provider = services.BuildServiceProvider();
        var registration = Assert.Single(provider.GetServices<MetricHistoryRegistration>());
        return await registration.Factory(provider).LoadAsync("web", "rps", DateTimeOffset.UtcNow, CancellationToken.None);
    }
}
