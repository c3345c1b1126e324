using Microsoft.Extensions.Options;

namespace AutoScaling.Prometheus;

/// <summary>Validates <see cref="PrometheusQueryOptions"/>; messages name the group, metric, field and value (never a secret).</summary>
internal sealed class PrometheusQueryOptionsValidator : IValidateOptions<PrometheusQueryOptions>
{
    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, PrometheusQueryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (group, metric) = PrometheusOptionsKey.Parse(name);
        return Validate(group, metric, options).ToResult();
    }

    internal static ValidationMessages Validate(string group, string metric, PrometheusQueryOptions options)
    {
        var m = new ValidationMessages(group, $"Prometheus metric {ValidationMessages.Quote(metric)}");
        var server = options.Server;
        if (server is null)
        {
            m.Add(nameof(options.Server), null, "it must be the absolute http or https address of a Prometheus server");
        }
        else if (!server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            m.Add(nameof(options.Server), server.OriginalString, "it must be an absolute http or https address");
        }
        else if (!string.IsNullOrEmpty(server.UserInfo))
        {
            // The value itself holds a credential: do not repeat it.
            m.Add(nameof(options.Server), "(an address with user info)", "put credentials in Username and Password, not in the address");
        }
        else if (!string.IsNullOrEmpty(server.Query) || !string.IsNullOrEmpty(server.Fragment))
        {
            m.Add(nameof(options.Server), server.OriginalString, "it must not have a query or a fragment");
        }

        if (string.IsNullOrWhiteSpace(options.Query))
        {
            m.Add(nameof(options.Query), options.Query, "it must be a PromQL expression");
        }

        if (options.InstanceQuery is { } instanceQuery && string.IsNullOrWhiteSpace(instanceQuery))
        {
            m.Add(nameof(options.InstanceQuery), instanceQuery, "it must be a PromQL expression with one series per instance, or not be set");
        }

        if (!IsLabelName(options.InstanceLabel))
        {
            m.Add(nameof(options.InstanceLabel), options.InstanceLabel, "it must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > MaxTimeout)
        {
            m.Add(nameof(options.Timeout), options.Timeout, "it must be positive and at most 5 minutes");
        }

        if (!Enum.IsDefined(options.Aggregation))
        {
            m.Add(nameof(options.Aggregation), options.Aggregation, "it must be None, Sum, Max, Min or Average");
        }

        var basic = options.Username is not null || options.Password is not null;
        if (basic && string.IsNullOrEmpty(options.Username))
        {
            m.Add(nameof(options.Username), options.Username, "it is required when a Password is set");
        }

        if (basic && options.Password is null)
        {
            m.Add(nameof(options.Password), null, "it is required when a Username is set");
        }

        if (basic && options.BearerToken is not null)
        {
            m.Add(nameof(options.BearerToken), "(set)", "use either a bearer token or basic authentication, not both");
        }
        else if (options.BearerToken is { Length: 0 })
        {
            m.Add(nameof(options.BearerToken), "(empty)", "it must not be empty when set");
        }

        if (options.CaCertificatePath is { } ca && !File.Exists(ca))
        {
            m.Add(nameof(options.CaCertificatePath), ca, "the file does not exist");
        }

        return m;
    }

    private static bool IsLabelName(string? name)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
