namespace AutoScaling.Controller;

/// <summary>
/// What a group is made of: its settings and policies (swapped whole when the configuration is reloaded) and the parts
/// built once (metric sources, the instance provider, the router). Immutable; the controller swaps it between ticks.
/// </summary>
/// <param name="Name">The group's name.</param>
/// <param name="Options">The settings in force (validated; never changed after the model is built).</param>
/// <param name="Policies">The policies in force.</param>
/// <param name="MetricNames">The metric names, parallel to <paramref name="Sources"/>.</param>
/// <param name="Sources">The metric sources.</param>
/// <param name="Provider">The instance provider.</param>
/// <param name="Router">The router, if the group has one.</param>
internal sealed record ScalingGroupModel(
    string Name,
    ScalingGroupOptions Options,
    IScalingPolicy[] Policies,
    string[] MetricNames,
    IMetricSource[] Sources,
    IInstanceProvider Provider,
    IInstanceRouter? Router);
