namespace AutoScaling.Host.Tests.EndToEnd;

/// <summary>The end-to-end stacks (dockerd containers, haproxy, prometheus, the autoscaler process) run one after another.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndGroup
{
    public const string Name = "autoscaler end to end (runs alone)";
}
