using Microsoft.Extensions.Configuration;

namespace AutoScaling.Host.Composition;

/// <summary>One <c>Type</c> a group's configuration may name: how its section is added to the group.</summary>
/// <param name="Name">The value of <c>Type</c> (<c>Prometheus</c>, <c>Docker</c>…).</param>
/// <param name="Add">
/// Adds it to the group from its section, through the adapter's own <c>UseXxx(IConfiguration)</c> binding (so the host
/// binds and validates exactly as code does). The name is the metric's name for metric sources, the group's otherwise.
/// </param>
internal sealed record ComponentType(string Name, Action<IScalingGroupBuilder, string, IConfigurationSection> Add);
