using System.Text;
using System.Text.RegularExpressions;

namespace AutoScaling.AspNetCore;

/// <summary>The dashboard page: one embedded HTML file (script, styles and SVG chart inside, nothing fetched from elsewhere).</summary>
internal static partial class Dashboard
{
    private const string Placeholder = "__AUTOSCALING_API__";

    /// <summary>Returns the page with the API's prefix written into it.</summary>
    public static byte[] Page(string apiPrefix)
    {
        if (!SafePrefix().IsMatch(apiPrefix))
        {
            throw new ArgumentException($"The API prefix '{apiPrefix}' must be a path such as /autoscaling (letters, digits, '/', '-', '_', '.').", nameof(apiPrefix));
        }

        using var stream = typeof(Dashboard).Assembly.GetManifestResourceStream("AutoScaling.AspNetCore.Dashboard.dashboard.html")
            ?? throw new InvalidOperationException("The dashboard resource is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Encoding.UTF8.GetBytes(reader.ReadToEnd().Replace(Placeholder, apiPrefix.TrimEnd('/'), StringComparison.Ordinal));
    }

    [GeneratedRegex("^/[A-Za-z0-9/_.-]*$")]
    private static partial Regex SafePrefix();
}
