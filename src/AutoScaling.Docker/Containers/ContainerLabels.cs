namespace AutoScaling.Docker;

/// <summary>The labels that mark a container as owned by one group of one owner, and the instance's port.</summary>
internal static class ContainerLabels
{
    public const string Prefix = "io.autoscaling.";
    public const string Group = Prefix + "group";
    public const string Owner = Prefix + "owner";
    public const string Port = Prefix + "port";

    /// <summary>The fencing token of the leader that created the container (hosts with leader election only).</summary>
    public const string Epoch = Prefix + "epoch";

    /// <summary>The label filters of a listing (all must match).</summary>
    public static string[] Filters(string group, string owner) => [Group + "=" + group, Owner + "=" + owner];

    /// <summary>Whether the labels name this group and this owner.</summary>
    public static bool IsOwned(IDictionary<string, string>? labels, string group, string owner)
        => labels is not null
           && labels.TryGetValue(Group, out var g) && string.Equals(g, group, StringComparison.Ordinal)
           && labels.TryGetValue(Owner, out var o) && string.Equals(o, owner, StringComparison.Ordinal);

    /// <summary>Reads the port label.</summary>
    public static bool TryGetPort(IDictionary<string, string>? labels, out int port)
    {
        port = 0;
        return labels is not null && labels.TryGetValue(Port, out var text)
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port)
            && port is > 0 and <= 65535;
    }

    /// <summary>Whether a container name prefix is valid for Docker (<c>[a-zA-Z0-9][a-zA-Z0-9_.-]*</c>).</summary>
    public static bool IsValidNamePrefix(string? prefix)
        => !string.IsNullOrEmpty(prefix)
           && char.IsAsciiLetterOrDigit(prefix[0])
           && prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
