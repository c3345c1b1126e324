namespace AutoScaling;

/// <summary>The life-cycle state of a <see cref="ScalingInstance"/>.</summary>
public enum InstanceState : byte
{
    /// <summary>Provisioned but not yet ready to serve (container starting, health check pending).</summary>
    Starting = 0,

    /// <summary>Ready and serving.</summary>
    Active = 1,

    /// <summary>Being taken out of service: receives no new work, finishing what it has.</summary>
    Draining = 2,

    /// <summary>Broken: failed to start, crashed or unhealthy. The controller replaces it.</summary>
    Failed = 3,
}
