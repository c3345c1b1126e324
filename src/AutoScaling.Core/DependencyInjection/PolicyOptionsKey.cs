namespace AutoScaling;

/// <summary>Names the options of one policy of one group: <c>{group}/{kind}#{n}</c>.</summary>
internal static class PolicyOptionsKey
{
    /// <summary>Creates a key.</summary>
    /// <param name="group">The group's name.</param>
    /// <param name="kind">The policy's kind.</param>
    /// <param name="number">A number unique in the process.</param>
    /// <returns>The key.</returns>
    public static string Create(string group, string kind, int number)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{group}/{kind}#{number}");

    /// <summary>Gets the group's name from a key made by <see cref="Create"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The group's name, or the key itself when it is not a policy key.</returns>
    public static string GroupOf(string? key)
    {
        if (key is null)
        {
            return string.Empty;
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? key : key[..slash];
    }
}
