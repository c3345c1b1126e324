using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling.Host.Composition;

/// <summary>
/// Adds every group of <c>AutoScaling:Groups</c> to the autoscaler from configuration alone, and collects every problem
/// it can see before the host is built (unknown or missing <c>Type</c>s, bad group names). The field rules are checked
/// later, at start, by each options type's validator.
/// </summary>
/// <remarks>
/// A group's section is <see cref="ScalingGroupOptions"/> plus <c>Metrics:{name}</c>, <c>Instances</c>, <c>Router</c>
/// (each with a <c>Type</c> from <see cref="ComponentTypes"/>), Core's <c>Policies</c> list and an optional
/// <c>Election</c> (the group's own leader election when <c>AutoScaling:Leadership</c> is configured).
/// </remarks>
internal static class GroupComposer
{
    /// <summary>The section that holds the groups, one child per group.</summary>
    public const string GroupsPath = "AutoScaling:Groups";

    /// <summary>Adds the groups; returns the problems found (none when every group could be added).</summary>
    public static IReadOnlyList<string> Compose(IAutoScalingBuilder scaling, IConfiguration configuration)
    {
        var problems = new List<string>();
        var groups = configuration.GetSection(GroupsPath).GetChildren().ToList();
        if (groups.Count == 0)
        {
            problems.Add($"AutoScaling: {GroupsPath} has no group; add at least one (docs/host.md).");
        }

        foreach (var group in groups)
        {
            var m = new ValidationMessages(group.Key);
            var policiesKnown = CheckPolicyTypes(group, m);
            try
            {
                if (policiesKnown)
                {
                    scaling.AddScalingGroup(group.Key, group, g => AddParts(g, group, m));
                }
                else
                {
                    // Core would stop at the first unknown policy; the group is still added so its other fields are checked.
                    scaling.AddScalingGroup(group.Key, g => AddParts(g.Configure(group), group, m));
                }
            }
            catch (ArgumentException ex)
            {
                m.Add(ex.Message);
            }

            problems.AddRange(m.Failures);
        }

        return problems;
    }

    private static bool CheckPolicyTypes(IConfigurationSection group, ValidationMessages m)
    {
        var known = ScalingGroupConfiguration.PolicyTypes;
        var ok = true;
        foreach (var entry in group.GetSection("Policies").GetChildren())
        {
            var type = entry["Type"];
            if (type is null || !known.Contains(type, StringComparer.Ordinal))
            {
                m.Add($"Policies:{entry.Key}:Type", type, "it must be one of " + string.Join(", ", known));
                ok = false;
            }
        }

        return ok;
    }

    private static void AddParts(IScalingGroupBuilder g, IConfigurationSection group, ValidationMessages m)
    {
        if (group["Election"] is { Length: > 0 } election)
        {
            g.UseLeaderElection(election);
        }

        foreach (var metric in group.GetSection("Metrics").GetChildren())
        {
            Add(g, metric.Key, metric, ComponentTypes.Metrics, "Metrics:" + metric.Key, m);
        }

        var instances = group.GetSection("Instances");
        if (instances.Exists())
        {
            Add(g, g.Name, instances, ComponentTypes.Instances, "Instances", m);
        }
        else
        {
            m.Add("Instances:Type", null, "the group needs an instance provider: " + string.Join(", ", Names(ComponentTypes.Instances)));
        }

        var router = group.GetSection("Router");
        if (router.Exists())
        {
            Add(g, g.Name, router, ComponentTypes.Routers, "Router", m);
        }
    }

    private static void Add(IScalingGroupBuilder g, string name, IConfigurationSection section, IReadOnlyList<ComponentType> types, string path, ValidationMessages m)
    {
        var type = section["Type"];
        foreach (var candidate in types)
        {
            if (string.Equals(candidate.Name, type, StringComparison.Ordinal))
            {
                candidate.Add(g, name, section);
                return;
            }
        }

        m.Add(path + ":Type", type, "it must be one of " + string.Join(", ", Names(types)));
    }

    private static IEnumerable<string> Names(IReadOnlyList<ComponentType> types)
    {
        foreach (var t in types)
        {
            yield return t.Name;
        }
    }
}
