using AutoScaling.Controller;
using AutoScaling.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScaling.Simulation;

/// <summary>
/// Reads a group from an <c>appsettings.json</c> the way a host does: the group's section goes through the real
/// <c>AddScalingGroup(name, section)</c> composition and validation, over in-memory instances and the simulator's two
/// metrics, and the settings and policies it builds are the ones replayed.
/// </summary>
internal static class AppSettingsImport
{
    /// <summary>Loads group <paramref name="groupName"/> from <c>AutoScaling:Groups</c> of the JSON file.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The group's settings are not valid.</exception>
    /// <exception cref="InvalidOperationException">The group is missing, or its composition is not valid (an unknown policy type, a metric the simulator does not publish).</exception>
    public static (ScalingGroupOptions Group, IReadOnlyList<IScalingPolicy> Policies) Load(string path, string groupName, SimulationOptions simulation)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false).Build();
        var section = configuration.GetSection("AutoScaling:Groups").GetSection(groupName);
        if (!section.Exists())
        {
            var known = configuration.GetSection("AutoScaling:Groups").GetChildren().Select(g => g.Key).ToArray();
            throw new InvalidOperationException($"{Path.GetFileName(path)}: there is no group '{groupName}' under AutoScaling:Groups; groups found: {(known.Length == 0 ? "none" : string.Join(", ", known))}.");
        }

        return Build(section, groupName, simulation);
    }

    /// <summary>Builds the group from its configuration section through <c>AddScalingGroup(name, section)</c>; the other formats' imports end here too.</summary>
    public static (ScalingGroupOptions Group, IReadOnlyList<IScalingPolicy> Policies) Build(IConfigurationSection section, string groupName, SimulationOptions simulation)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddAutoScaling().AddScalingGroup(groupName, section, g => g
            .UseMetric(simulation.MetricName, static () => 0)
            .UseMetric(simulation.UtilizationMetricName, static () => 0)
            .UseInMemoryInstances());
        using var provider = services.BuildServiceProvider();
        var model = provider.GetRequiredService<ScalingGroupRegistry>().Get(groupName).Group.Model;
        return (model.Options, model.Policies);
    }
}
