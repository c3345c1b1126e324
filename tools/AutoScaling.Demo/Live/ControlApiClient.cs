using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoScaling.Demo.Live;

/// <summary>Instances by state, as <c>GET groups/{name}</c> shows them.</summary>
internal sealed record InstanceCounts(int Starting, int Active, int Draining, int Failed);

/// <summary>A decision of the group's engine: the count it saw, the count it wants, and why.</summary>
internal sealed record DecisionView(int Current, int Desired, string Reason);

/// <summary>The latest sample of one metric.</summary>
internal sealed record MetricView(string Status, double? Value);

/// <summary>The part of <c>GET groups/{name}</c> the live view shows.</summary>
internal sealed record GroupStatus(
    int CurrentInstances,
    int? DesiredInstances,
    InstanceCounts InstancesByState,
    IReadOnlyDictionary<string, MetricView> Metrics,
    DecisionView? LastDecision,
    DateTimeOffset? LastEvaluatedAt,
    string? LastError);

/// <summary>A scaling event (<c>GET groups/{name}/events</c>): an action the controller carried out and what it reached.</summary>
internal sealed record ScalingEventView(DateTimeOffset Time, int From, int To, string Reason, string Outcome, int Reached, string? Detail);

/// <summary>Reads the autoscaler's control API (docs/control-api.md) with a reader key.</summary>
internal sealed class ControlApiClient(HttpClient http, string group, string readerKey)
{
    /// <summary>The group's state, or <see langword="null"/> when the autoscaler does not answer (yet).</summary>
    public async Task<GroupStatus?> StatusAsync(CancellationToken cancellationToken)
        => await GetAsync($"autoscaling/groups/{group}", DemoJson.Default.GroupStatus, cancellationToken);

    /// <summary>The group's recent scaling events, oldest first, or <see langword="null"/> when the autoscaler does not answer.</summary>
    public async Task<ScalingEventView[]?> EventsAsync(CancellationToken cancellationToken)
        => await GetAsync($"autoscaling/groups/{group}/events", DemoJson.Default.ScalingEventViewArray, cancellationToken);

    private async Task<T?> GetAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Api-Key", readerKey);
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync(type, cancellationToken) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // the client's own timeout: a busy autoscaler, asked again at the next poll
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Source-generated JSON for what the demo reads from the control API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GroupStatus))]
[JsonSerializable(typeof(ScalingEventView[]))]
internal sealed partial class DemoJson : JsonSerializerContext;
