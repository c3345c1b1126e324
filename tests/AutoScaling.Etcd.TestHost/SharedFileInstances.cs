using System.Globalization;
using AutoScaling;

namespace AutoScaling.Etcd.TestHost;

/// <summary>Instances shared by every host of a test: one file per instance in a folder, the truth all hosts list.</summary>
internal sealed class SharedFileInstances(string folder, TimeProvider time) : IInstanceProvider
{
    private readonly string _instances = Directory.CreateDirectory(Path.Combine(folder, "instances")).FullName;

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
        File.WriteAllText(Path.Combine(_instances, id), LeaderFencing.CurrentEpoch.ToString(CultureInfo.InvariantCulture));
        return ValueTask.FromResult(new ScalingInstance(id, null, InstanceState.Active, time.GetUtcNow()));
    }

    public ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
    {
        File.Delete(Path.Combine(_instances, instance.Id));
        return ValueTask.CompletedTask;
    }
}
