using AutoScaling.Testing;

namespace AutoScaling.HAProxy.Tests;

/// <summary>The real programs the tests run: haproxy and busybox (Debian packages haproxy, busybox-static).</summary>
internal static class Tools
{
    public static string? HAProxy { get; } = Find("/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy");

    public static string? Busybox { get; } = Find("/usr/bin/busybox", "/bin/busybox");

    public static void Require()
        => Component.Require(HAProxy is not null && Busybox is not null, "haproxy or busybox is not installed (run: bash scripts/setup/haproxy.sh)");

    private static string? Find(params string[] paths) => paths.FirstOrDefault(File.Exists);
}
