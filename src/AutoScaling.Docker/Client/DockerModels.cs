using System.Text.Json.Serialization;

#pragma warning disable SA1402 // the wire types are small and belong together

namespace AutoScaling.Docker.Client;

/// <summary>GET /version.</summary>
internal sealed class DockerVersionResponse
{
    public string? Version { get; set; }

    public string? ApiVersion { get; set; }

    [JsonPropertyName("MinAPIVersion")]
    public string? MinApiVersion { get; set; }
}

/// <summary>An error answer: <c>{"message": "..."}</c>.</summary>
internal sealed class DockerErrorResponse
{
    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

/// <summary>POST /containers/create body.</summary>
internal sealed class ContainerCreateRequest
{
    public required string Image { get; set; }

    public List<string>? Cmd { get; set; }

    public List<string>? Entrypoint { get; set; }

    public List<string>? Env { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public HealthConfig? Healthcheck { get; set; }

    public required ContainerHostConfig HostConfig { get; set; }
}

/// <summary>A container's health check; durations in nanoseconds.</summary>
internal sealed class HealthConfig
{
    public List<string>? Test { get; set; }

    public long? Interval { get; set; }

    public long? Timeout { get; set; }

    public int? Retries { get; set; }

    public long? StartPeriod { get; set; }
}

/// <summary>The parts of HostConfig we set.</summary>
internal sealed class ContainerHostConfig
{
    public string? NetworkMode { get; set; }

    public bool? Init { get; set; }

    public long? NanoCpus { get; set; }

    public long? Memory { get; set; }
}

/// <summary>POST /containers/create answer.</summary>
internal sealed class ContainerCreateResponse
{
    public string? Id { get; set; }

    public List<string>? Warnings { get; set; }
}

/// <summary>An item of GET /containers/json.</summary>
internal sealed class ContainerSummary
{
    public string Id { get; set; } = string.Empty;

    public List<string>? Names { get; set; }

    public string? Image { get; set; }

    public string? State { get; set; }

    public string? Status { get; set; }

    public long Created { get; set; }

    public Dictionary<string, string>? Labels { get; set; }
}

/// <summary>GET /containers/{id}/json (the parts we read).</summary>
internal sealed class ContainerInspectResponse
{
    public string Id { get; set; } = string.Empty;

    public string? Name { get; set; }

    public DateTimeOffset Created { get; set; }

    public ContainerConfigResponse? Config { get; set; }

    public ContainerStateResponse? State { get; set; }
}

/// <summary>Container config as inspected.</summary>
internal sealed class ContainerConfigResponse
{
    public string? Image { get; set; }

    public Dictionary<string, string>? Labels { get; set; }
}

/// <summary>Container state as inspected.</summary>
internal sealed class ContainerStateResponse
{
    public string? Status { get; set; }

    public bool Running { get; set; }

    public bool OOMKilled { get; set; }

    public int ExitCode { get; set; }

    public string? Error { get; set; }

    public ContainerHealthResponse? Health { get; set; }
}

/// <summary>Container health as inspected.</summary>
internal sealed class ContainerHealthResponse
{
    public string? Status { get; set; }

    public int FailingStreak { get; set; }

    public List<HealthLogEntry>? Log { get; set; }
}

/// <summary>One health check run.</summary>
internal sealed class HealthLogEntry
{
    public int ExitCode { get; set; }

    public string? Output { get; set; }
}

/// <summary>An item of GET /tasks.</summary>
internal sealed class SwarmTask
{
    [JsonPropertyName("ID")]
    public string Id { get; set; } = string.Empty;

    [JsonPropertyName("ServiceID")]
    public string? ServiceId { get; set; }

    public int Slot { get; set; }

    public string? DesiredState { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public SwarmTaskStatus? Status { get; set; }
}

/// <summary>A task's observed status.</summary>
internal sealed class SwarmTaskStatus
{
    public string? State { get; set; }

    public string? Message { get; set; }

    public string? Err { get; set; }

    public SwarmContainerStatus? ContainerStatus { get; set; }
}

/// <summary>The container behind a task.</summary>
internal sealed class SwarmContainerStatus
{
    [JsonPropertyName("ContainerID")]
    public string? ContainerId { get; set; }

    public int ExitCode { get; set; }
}

/// <summary>System.Text.Json source generation for the wire types (trim and AOT safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DockerVersionResponse))]
[JsonSerializable(typeof(DockerErrorResponse))]
[JsonSerializable(typeof(ContainerCreateRequest))]
[JsonSerializable(typeof(ContainerCreateResponse))]
[JsonSerializable(typeof(List<ContainerSummary>))]
[JsonSerializable(typeof(ContainerInspectResponse))]
[JsonSerializable(typeof(List<SwarmTask>))]
[JsonSerializable(typeof(Dictionary<string, List<string>>))]
internal sealed partial class DockerJsonContext : JsonSerializerContext
{
}
