namespace AutoScaling.Testing;

/// <summary>Checks for real components (dockerd, haproxy, prometheus): under <c>CI=true</c> a missing one fails the test; elsewhere it skips, saying why.</summary>
public static class Component
{
    /// <summary>Gets a value indicating whether the tests run in CI (<c>CI=true</c>).</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails (in CI) or skips (elsewhere) when <paramref name="available"/> is false. Use from a <c>[SkippableFact]</c>.</summary>
    /// <param name="available">Whether the component is there.</param>
    /// <param name="what">What is missing and how to get it, for example <c>dockerd is not running (run ./build.sh setup)</c>.</param>
    public static void Require(bool available, string what)
    {
        if (available)
        {
            return;
        }

        if (IsCi)
        {
            throw new InvalidOperationException($"Required component missing with CI=true: {what}");
        }

        Skip.If(true, what);
    }
}
