using AutoScaling.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoScaling.Host.Composition;

/// <summary>The <c>InMemory</c> types from configuration: simulated instances, and a metric whose value is a configuration key.</summary>
internal static class InMemoryConfiguration
{
    /// <summary>Uses Core's simulated instances, with <see cref="InMemoryInstanceOptions"/> bound from the section.</summary>
    public static IScalingGroupBuilder UseConfiguredInMemoryInstances(this IScalingGroupBuilder builder, IConfiguration section)
    {
        // UseInMemoryInstances registers the same named options; the binding here fills them.
        builder.Services.AddOptions<InMemoryInstanceOptions>(builder.Name).Bind(section);
        return builder.UseInMemoryInstances();
    }

    /// <summary>
    /// Adds a metric that reads <c>Value</c> from its section on every read: missing while it is not set, so a test,
    /// a demo or a dry run can drive a group by editing the file (the host reloads it).
    /// </summary>
    public static IScalingGroupBuilder UseConfiguredMetric(this IScalingGroupBuilder builder, string metric, IConfiguration section)
    {
        var key = builder.Name + "/" + metric;
        builder.Services.AddOptions<InMemoryMetricOptions>(key).Bind(section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InMemoryMetricOptions>, InMemoryMetricOptionsValidator>());
        return builder.UseMetric(metric, sp => new ConfiguredMetricSource(sp.GetRequiredService<IOptionsMonitor<InMemoryMetricOptions>>(), key, sp.GetRequiredService<TimeProvider>()));
    }
}

/// <summary>Options of the <c>InMemory</c> metric type.</summary>
internal sealed class InMemoryMetricOptions
{
    /// <summary>Gets or sets the value every read returns; not set reads as missing.</summary>
    public double? Value { get; set; }
}

/// <summary>Checks that an <c>InMemory</c> metric's value is a finite number.</summary>
internal sealed class InMemoryMetricOptionsValidator : IValidateOptions<InMemoryMetricOptions>
{
    public ValidateOptionsResult Validate(string? name, InMemoryMetricOptions options)
    {
        var slash = name?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        var m = new ValidationMessages(slash < 0 ? name ?? string.Empty : name![..slash]);
        if (options.Value is { } v && !double.IsFinite(v))
        {
            m.Add($"Metrics:{(slash < 0 ? string.Empty : name![(slash + 1)..])}:Value", v, "it must be a finite number");
        }

        return m.ToResult();
    }
}

/// <summary>Reads the current <see cref="InMemoryMetricOptions.Value"/> of its metric.</summary>
internal sealed class ConfiguredMetricSource(IOptionsMonitor<InMemoryMetricOptions> options, string key, TimeProvider time) : IMetricSource
{
    public ValueTask<MetricSample> ReadAsync(MetricReadContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return ValueTask.FromResult(options.Get(key).Value is { } value
            ? MetricSample.Valid(value, now)
            : MetricSample.Missing(now, "Value is not set."));
    }
}
