using System.Net;
using Microsoft.Extensions.Options;

namespace AutoScaling.Processes;

/// <summary>Validates <see cref="ProcessInstanceOptions"/>; messages name the group, the field and the value.</summary>
internal sealed class ProcessInstanceOptionsValidator : IValidateOptions<ProcessInstanceOptions>
{
    public const string What = "process instances";

    public ValidateOptionsResult Validate(string? name, ProcessInstanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var m = new ValidationMessages(name ?? Options.DefaultName, What);
        if (!OperatingSystem.IsLinux())
        {
            m.Add("UseProcessInstances needs Linux: it checks its processes' identity in /proc (use another provider on this system)");
        }

        if (string.IsNullOrWhiteSpace(options.Command))
        {
            m.Add(nameof(options.Command), options.Command, "it is required (a program path such as /usr/bin/busybox)");
        }

        for (var i = 0; i < options.Arguments.Count; i++)
        {
            if (options.Arguments[i] is null || options.Arguments[i].Contains('\0', StringComparison.Ordinal))
            {
                m.Add($"{nameof(options.Arguments)}:{i}", options.Arguments[i], "an argument must be set and hold no NUL character");
            }
        }

        foreach (var key in options.Environment.Keys)
        {
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal))
            {
                m.Add($"{nameof(options.Environment)}:{key}", key, "a variable name must be non-empty and without '=' or NUL");
            }
        }

        m.InRange(nameof(options.PortRangeStart), options.PortRangeStart, 1, 65535);
        m.InRange(nameof(options.PortRangeEnd), options.PortRangeEnd, 1, 65535);
        m.NotLessThan(nameof(options.PortRangeEnd), options.PortRangeEnd, nameof(options.PortRangeStart), options.PortRangeStart);
        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            m.Add(nameof(options.BindAddress), options.BindAddress, "it must be an IP address literal such as 127.0.0.1");
        }

        if (!Enum.IsDefined(options.Probe))
        {
            m.Add(nameof(options.Probe), options.Probe.ToString(), "it must be Tcp or Http");
        }

        if (options.Probe == ProcessProbeKind.Http && (options.ProbePath is null || !options.ProbePath.StartsWith('/')))
        {
            m.Add(nameof(options.ProbePath), options.ProbePath, "it must start with '/'");
        }

        m.InRange(nameof(options.ProbeTimeout), options.ProbeTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(5));
        m.InRange(nameof(options.StopGracePeriod), options.StopGracePeriod, TimeSpan.Zero, TimeSpan.FromHours(1));
        if (options.StateFile is { } file && (file.Trim().Length == 0 || file.Contains('\0', StringComparison.Ordinal) || file.EndsWith('/')))
        {
            m.Add(nameof(options.StateFile), file, "it must be a file path, or unset for the default");
        }

        return m.ToResult();
    }
}
