using System.Globalization;
using AutoScaling;

namespace AutoScaling.Etcd.TestHost;

/// <summary>
/// Instances shared by every host of a test: one file per instance in a folder (the truth all hosts list), and every
/// provider call appended to <c>actions.log</c> with the fencing token it was made under, so the test can check that
/// only one leader acted and that no older epoch acted after a newer one.
/// </summary>
internal sealed class SharedFileInstances(string folder, string host, TimeProvider time) : IInstanceProvider
{
    private readonly string _instances = Directory.CreateDirectory(Path.Combine(folder, "instances")).FullName;
    private readonly string _log = Path.Combine(folder, "actions.log");

    public ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken)
    {
        var listed = new List<ScalingInstance>();
        foreach (var file in Directory.EnumerateFiles(_instances))
        {
            listed.Add(new ScalingInstance(Path.GetFileName(file), null, InstanceState.Active, File.GetCreationTimeUtc(file)));
        }

        return ValueTask.FromResult<IReadOnlyList<ScalingInstance>>(listed);
    }

    public ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
    {
        var id = "i-" + Guid.NewGuid().ToString("N")[..8];
        Append("provision", id);
        File.WriteAllText(Path.Combine(_instances, id), LeaderFencing.CurrentEpoch.ToString(CultureInfo.InvariantCulture));
        return ValueTask.FromResult(new ScalingInstance(id, null, InstanceState.Active, time.GetUtcNow()));
    }

    public ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
    {
        Append("decommission", instance.Id);
        File.Delete(Path.Combine(_instances, instance.Id));
        return ValueTask.CompletedTask;
    }

    /// <summary>One line per call, written before the call's effect: epoch, host, action, instance, Unix milliseconds.</summary>
    private void Append(string action, string id)
        => File.AppendAllText(_log, string.Create(CultureInfo.InvariantCulture, $"{LeaderFencing.CurrentEpoch} {host} {action} {id} {time.GetUtcNow().ToUnixTimeMilliseconds()}\n"));
}
