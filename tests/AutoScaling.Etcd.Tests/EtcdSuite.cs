namespace AutoScaling.Etcd.Tests;

/// <summary>The etcd suites start clusters and hosts of their own: one at a time on this machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EtcdSuite
{
    public const string Name = "etcd";
}
