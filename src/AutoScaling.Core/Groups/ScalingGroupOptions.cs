namespace AutoScaling;

/// <summary>The settings of one scaling group: limits, timing, behavior. Named options keyed by the group's name.</summary>
/// <remarks>
/// Bound from code (<c>g.Configure(o =&gt; …)</c>) or from an <c>IConfigurationSection</c>; both paths are validated
/// when the host starts. When <see cref="ScalingRules.Policies"/> is empty the default limits apply: scale-up at most
/// max(4 instances, 100 %) per 15 s, scale-down at most 100 % per 15 s.
/// </remarks>
public sealed class ScalingGroupOptions
{
    /// <summary>Gets or sets the smallest instance count. Zero allows scaling to zero.</summary>
    public int MinInstances { get; set; } = 1;

    /// <summary>Gets or sets the largest instance count.</summary>
    public int MaxInstances { get; set; } = 10;

    /// <summary>Gets or sets how often the group is evaluated.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets the scale-up behavior. By default no stabilization window and no cooldown: capacity follows load up at once.</summary>
    public ScalingRules ScaleUp { get; } = new();

    /// <summary>Gets the scale-down behavior. By default a 300 s stabilization window, so a short dip in load does not shrink the group.</summary>
    public ScalingRules ScaleDown { get; } = new() { StabilizationWindow = TimeSpan.FromMinutes(5) };

    /// <summary>Gets the fallback for metrics that keep failing.</summary>
    public MetricFallbackOptions Fallback { get; } = new();

    /// <summary>Gets or sets how long one metric read may take before it counts as failed.</summary>
    public TimeSpan MetricTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the largest number of instances added or removed in one step; the controller waits for each step to finish.</summary>
    public int MaxInstancesPerStep { get; set; } = 5;

    /// <summary>Gets or sets how long a new instance may take to become active before it is marked failed and removed.</summary>
    public TimeSpan InstanceStartTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets how often the controller checks whether starting instances are active.</summary>
    public TimeSpan InstanceCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how many replacements are tried, per step, for instances that failed to start.</summary>
    public int StartRetries { get; set; } = 1;

    /// <summary>Gets or sets how often (in ticks) the controller reconciles with the provider's list, besides at start.</summary>
    public int ReconcileEveryTicks { get; set; } = 4;

    /// <summary>Gets or sets which instances a scale-in removes first.</summary>
    public ScaleInOrder ScaleInOrder { get; set; } = ScaleInOrder.NewestFirst;

    /// <summary>Gets or sets how many provider operations of this group may run at once.</summary>
    public int MaxConcurrentOperations { get; set; } = 4;

    /// <summary>Gets or sets a value indicating whether the group only decides and reports, never calling the provider to change anything.</summary>
    public bool DryRun { get; set; }

    /// <summary>Gets or sets how many recent scaling events the group keeps in memory.</summary>
    public int EventLogCapacity { get; set; } = 100;
}
