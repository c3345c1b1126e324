using AutoScaling.Testing;

namespace AutoScaling.HAProxy.Tests;

/// <summary>This suite's loopback ports: 19100-19499.</summary>
internal static class TestPorts
{
    public static PortRange Range { get; } = new(19100, 19499);

    public static int Next() => Range.Next();
}
