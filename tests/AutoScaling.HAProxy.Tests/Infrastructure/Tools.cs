using AutoScaling.Testing;

namespace AutoScaling.HAProxy.Tests;

/// <summary>What this suite needs installed: haproxy and busybox (found by <see cref="AutoScaling.Testing.Tools"/>).</summary>
internal static class Tools
{
    public static string? HAProxy => AutoScaling.Testing.Tools.HAProxy;

    public static string? Busybox => AutoScaling.Testing.Tools.Busybox;

    public static void Require()
        => Component.Require(HAProxy is not null && Busybox is not null, "haproxy or busybox is not installed (run: bash scripts/setup/haproxy.sh)");
}
