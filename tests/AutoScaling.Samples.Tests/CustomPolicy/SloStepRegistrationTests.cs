using System.Text;
using AutoScaling;
using AutoScaling.InMemory;
using CustomPolicySample;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoScaling.Samples.Tests.CustomPolicy;

/// <summary>Both overloads (code and configuration) go through UsePolicy's named options: bad values stop the host's start with the field and value named.</summary>
public sealed class SloStepRegistrationTests
{
    [Fact]
    public async Task Valid_options_from_code_or_configuration_start_the_host()
    {
        foreach (var use in new Func<IScalingGroupBuilder, IScalingGroupBuilder>[]
        {
            g => g.UseSloStep(o => (o.Metric, o.Objective) = ("p95", 0.25)),
            g => g.UseSloStep(Section("""{ "Metric": "p95", "Objective": 0.25, "MaxStepUp": 2 }""")),
        })
        {
            using var host = Build(use);
            await host.StartAsync();
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Invalid_options_from_code_or_configuration_stop_the_start_naming_field_and_value()
    {
        foreach (var use in new Func<IScalingGroupBuilder, IScalingGroupBuilder>[]
        {
            g => g.UseSloStep(o => (o.Metric, o.Objective) = ("p95", -1)),
            g => g.UseSloStep(Section("""{ "Metric": "p95", "Objective": -1 }""")),
        })
        {
            using var host = Build(use);
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
            Assert.Contains("AutoScaling group 'web', SloStep policy: Objective is -1", error.Message, StringComparison.Ordinal);
        }
    }

    private static IHost Build(Func<IScalingGroupBuilder, IScalingGroupBuilder> use)
    {
        var builder = Host.CreateApplicationBuilder();
        var queue = new SettableMetricSource();
        queue.Set(0.1);
        builder.Services.AddAutoScaling().AddScalingGroup("web", g => use(g.UseMetric("p95", queue).UseInMemoryInstances()));
        return builder.Build();
    }

    private static IConfigurationSection Section(string json)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("""{ "SloStep": """ + json + "}"))).Build().GetSection("SloStep");
}
