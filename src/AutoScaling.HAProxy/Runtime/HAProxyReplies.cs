using System.Text.RegularExpressions;

namespace AutoScaling.HAProxy;

/// <summary>Knows HAProxy 2.6's success replies; any other text is an error.</summary>
internal static partial class HAProxyReplies
{
    public static bool IsSuccess(HAProxyReplyKind kind, string reply) => kind switch
    {
        HAProxyReplyKind.Empty => reply.Length == 0,
        HAProxyReplyKind.ServerRegistered => reply == "New server registered.",
        HAProxyReplyKind.ServerDeleted => reply == "Server deleted.",
        HAProxyReplyKind.AddressChanged => !reply.Contains("Invalid", StringComparison.OrdinalIgnoreCase)
            && !reply.Contains("problem", StringComparison.OrdinalIgnoreCase)
            && AddressChanged().IsMatch(reply),
        HAProxyReplyKind.ServersState => reply.StartsWith("1\n# be_id ", StringComparison.Ordinal) || reply == "1",
        HAProxyReplyKind.Stat => reply.StartsWith("# pxname,", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Trims the reply: HAProxy ends most replies with a blank line, but not all (<c>Server deleted.</c>).</summary>
    public static string Trim(string reply) => reply.Trim('\n', '\r', ' ');

    [GeneratedRegex(@"^(IP changed from '[^'\n]*' to '[^'\n]*'|no need to change the addr)(, (port changed from '[^'\n]*' to '[^'\n]*'|no need to change the port))?( by '[^'\n]*')?\z", RegexOptions.CultureInvariant)]
    private static partial Regex AddressChanged();
}
