using AutoScaling;
using Microsoft.Extensions.Options;

namespace CustomSourceSample;

/// <summary>Validates <see cref="HttpNumberSourceOptions"/> at start; messages name the group, the metric, the field and the value.</summary>
public sealed class HttpNumberSourceOptionsValidator : IValidateOptions<HttpNumberSourceOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, HttpNumberSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The builder names the options "{group}/{metric}".
        var parts = (name ?? string.Empty).Split('/', 2);
        var m = new ValidationMessages(parts[0], "HTTP number source" + (parts.Length == 2 ? " '" + parts[1] + "'" : string.Empty));
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            m.Add(nameof(options.Url), options.Url, "it must be an absolute http:// or https:// URL");
        }
        else if (url.UserInfo.Length > 0)
        {
            m.Add(nameof(options.Url), "(a URL with user info)", "credentials do not belong in the URL");
        }

        m.InRange(nameof(options.Timeout), options.Timeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        return m.ToResult();
    }
}
