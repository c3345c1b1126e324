using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoScaling.Etcd.Tests;

/// <summary>Bad etcd settings stop the host at start with a message naming the field and the value, never the password.</summary>
public sealed class EtcdLeadershipOptionsTests
{
    private static EtcdLeadershipOptions Valid() => new() { Endpoints = { "http://127.0.0.1:2379" } };

    [Fact]
    public void The_defaults_with_an_endpoint_are_valid()
        => Assert.True(new EtcdLeadershipOptionsValidator().Validate(null, Valid()).Succeeded);

    [Theory]
    [InlineData("Endpoints:0", "'127.0.0.1:2379'")]
    [InlineData("LeaseTtl", "00:00:02.5000000")]
    [InlineData("SafetyMargin", "00:00:03")]
    [InlineData("RequestTimeout", "00:00:02")]
    [InlineData("KeyPrefix", "'/autoscaling'")]
    [InlineData("HostElection", "'a b'")]
    [InlineData("TrustedCaFile", "'/nonexistent/ca.pem'")]
    public void A_bad_value_is_refused_naming_the_field_and_the_value(string field, string value)
    {
        var options = Valid();
        switch (field)
        {
            case "Endpoints:0": options.Endpoints[0] = "127.0.0.1:2379"; break;
            case "LeaseTtl": options.LeaseTtl = TimeSpan.FromSeconds(2.5); break;
            case "SafetyMargin": options.SafetyMargin = TimeSpan.FromSeconds(3); break;
            case "RequestTimeout": options.RequestTimeout = TimeSpan.FromSeconds(2); break;
            case "KeyPrefix": options.KeyPrefix = "/autoscaling"; break;
            case "HostElection": options.HostElection = "a b"; break;
            case "TrustedCaFile": options.TrustedCaFile = "/nonexistent/ca.pem"; break;
        }

        var result = new EtcdLeadershipOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"AutoScaling:Leadership:Etcd:{field} is {value}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_without_a_user_is_refused_without_showing_the_password()
    {
        var options = Valid();
        options.Password = "s3cr3t-never-shown";

        var result = new EtcdLeadershipOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Username and Password go together", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_bound_from_configuration_are_validated_at_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AutoScaling:Leadership:Etcd:Endpoints:0"] = "http://127.0.0.1:2379",
            ["AutoScaling:Leadership:Etcd:LeaseTtl"] = "00:00:01",
        }).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAutoScaling().AddEtcdLeadership(configuration.GetSection("AutoScaling:Leadership:Etcd"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AutoScaling:Leadership:Etcd:LeaseTtl is 00:00:01", error.Message, StringComparison.Ordinal);
    }
}
