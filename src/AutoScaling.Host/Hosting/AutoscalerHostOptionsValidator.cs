using System.Globalization;
using Microsoft.Extensions.Options;

namespace AutoScaling.Host.Hosting;

/// <summary>Checks the <c>Host</c> section; every message names the field and the value (keys are never shown, only their length).</summary>
internal sealed class AutoscalerHostOptionsValidator : IValidateOptions<AutoscalerHostOptions>
{
    /// <summary>The shortest key accepted.</summary>
    public const int MinKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, AutoscalerHostOptions options)
    {
        var errors = new List<string>();
        foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add(Message("Urls", url, "each URL must be absolute, http or https (http://127.0.0.1:9470)"));
            }
        }

        if (string.IsNullOrWhiteSpace(options.Urls))
        {
            errors.Add(Message("Urls", options.Urls, "it must name at least one URL"));
        }

        Path(errors, "MetricsPath", options.MetricsPath, optional: true);
        Path(errors, "HealthPath", options.HealthPath, optional: true);
        var api = options.ControlApi;
        if (!api.Enabled)
        {
            return Result(errors);
        }

        Path(errors, "ControlApi:Prefix", api.Prefix, optional: false);
        Path(errors, "ControlApi:DashboardPath", api.DashboardPath, optional: true);
        if (api.OperationTimeout <= TimeSpan.Zero)
        {
            errors.Add(Message("ControlApi:OperationTimeout", api.OperationTimeout.ToString("c", CultureInfo.InvariantCulture), "it must be positive"));
        }

        if (!api.AllowAnonymous && !api.HasKeys)
        {
            errors.Add("AutoScaling host: Host:ControlApi has no key; set ReaderKey and/or OperatorKey (from the environment: Host__ControlApi__OperatorKey), "
                + "set AllowAnonymous to true for local use, or Enabled to false.");
        }

        if (api.AllowAnonymous && api.HasKeys)
        {
            errors.Add("AutoScaling host: Host:ControlApi:AllowAnonymous is true but a key is set; choose one.");
        }

        Key(errors, "ControlApi:ReaderKey", api.ReaderKey);
        Key(errors, "ControlApi:OperatorKey", api.OperatorKey);
        if (!string.IsNullOrEmpty(api.ReaderKey) && string.Equals(api.ReaderKey, api.OperatorKey, StringComparison.Ordinal))
        {
            errors.Add("AutoScaling host: Host:ControlApi:ReaderKey and OperatorKey are the same key; give each its own.");
        }

        return Result(errors);
    }

    private static void Path(List<string> errors, string field, string? value, bool optional)
    {
        if (string.IsNullOrEmpty(value) ? !optional : value[0] != '/')
        {
            errors.Add(Message(field, value, optional ? "it must start with '/', or be empty to serve nothing there" : "it must start with '/'"));
        }
    }

    private static void Key(List<string> errors, string field, string? key)
    {
        if (!string.IsNullOrEmpty(key) && key.Length < MinKeyLength)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"AutoScaling host: Host:{field} is *** ({key.Length} characters); it must have at least {MinKeyLength}."));
        }
    }

    private static string Message(string field, string? value, string rule)
        => $"AutoScaling host: Host:{field} is {ValidationMessages.Quote(value)}; {rule}.";

    private static ValidateOptionsResult Result(List<string> errors)
        => errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
