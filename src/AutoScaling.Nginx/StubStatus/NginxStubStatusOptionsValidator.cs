using Microsoft.Extensions.Options;

namespace AutoScaling.Nginx;

/// <summary>Checks the page's address (absolute http or https, no credentials) and the field at start.</summary>
internal sealed class NginxStubStatusOptionsValidator : IValidateOptions<NginxStubStatusOptions>
{
    public ValidateOptionsResult Validate(string? name, NginxStubStatusOptions options)
    {
        var (group, metric) = StubStatusOptionsKey.Parse(name);
        var m = new ValidationMessages(group, $"NGINX stub_status metric '{metric}'");
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            m.Add(nameof(options.Url), options.Url, "it must be an absolute http:// or https:// address of the stub_status location");
        }
        else if (url.UserInfo.Length > 0)
        {
            m.Add(nameof(options.Url), url.GetLeftPart(UriPartial.Path).Replace(url.UserInfo + "@", string.Empty, StringComparison.Ordinal), "it must not carry credentials (restrict the location to 127.0.0.1 with allow/deny instead)");
        }

        if (!Enum.IsDefined(options.Field))
        {
            m.Add(nameof(options.Field), options.Field, "it must be RequestsPerSecond, ActiveConnections, Accepts, Handled, Requests, Reading, Writing or Waiting");
        }

        m.Positive(nameof(options.Timeout), options.Timeout);
        return m.ToResult();
    }
}

/// <summary>The options name of one stub_status metric: the group's and the metric's names.</summary>
internal static class StubStatusOptionsKey
{
    private const string Separator = "/nginx-stub-status:";

    public static string Create(string group, string metric) => group + Separator + metric;

    public static (string Group, string Metric) Parse(string? key)
    {
        var at = key?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        return key is null ? (string.Empty, string.Empty) : at < 0 ? (key, string.Empty) : (key[..at], key[(at + Separator.Length)..]);
    }
}
