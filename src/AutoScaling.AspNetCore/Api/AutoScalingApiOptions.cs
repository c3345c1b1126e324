namespace AutoScaling.AspNetCore;

/// <summary>Who may use the control API and the dashboard. Every endpoint requires a policy unless <see cref="AllowAnonymous"/> is set.</summary>
public sealed class AutoScalingApiOptions
{
    /// <summary>Gets or sets the authorization policy for reads (status, events, the stream, the dashboard page).</summary>
    public string? ReadPolicy { get; set; }

    /// <summary>Gets or sets the authorization policy for writes (scale, pause, resume, evaluate); <see cref="ReadPolicy"/> when not set.</summary>
    public string? WritePolicy { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the API is open to anyone, for local use only. A warning is logged when
    /// the endpoints are mapped. Cannot be combined with a policy.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Gets or sets how long <c>POST scale</c> and <c>POST evaluate</c> wait for the group's evaluation (and its action) before answering 202 Accepted.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
