namespace AutoScaling.Docker.Client;

/// <summary>The Engine API versions this client speaks, and the choice of one a daemon also speaks.</summary>
internal static class DockerApiVersions
{
    /// <summary>The oldest API version the providers' calls work with.</summary>
    public static readonly Version Oldest = new(1, 40);

    /// <summary>The newest API version this client was written against (Docker.DotNet.Enhanced 4.3.3's models: Engine API 1.54).</summary>
    public static readonly Version Newest = new(1, 54);

    /// <summary>
    /// The newest version in [max(daemon minimum, <see cref="Oldest"/>), min(daemon maximum, <see cref="Newest"/>)], or
    /// <see langword="null"/> when the ranges do not overlap. A daemon that does not report its minimum is taken to accept
    /// every version up to its maximum.
    /// </summary>
    public static Version? Choose(Version? daemonMinimum, Version daemonMaximum)
    {
        ArgumentNullException.ThrowIfNull(daemonMaximum);
        var low = daemonMinimum is not null && daemonMinimum > Oldest ? daemonMinimum : Oldest;
        var high = daemonMaximum < Newest ? daemonMaximum : Newest;
        return high < low ? null : high;
    }
}
