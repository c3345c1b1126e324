using System.Globalization;
using AutoScaling;

namespace AutoScaling.Etcd.TestHost;

/// <summary>
/// Appends every provider call to <c>actions.log</c> in the shared folder, before the call, with the fencing token it is
/// made under: the tests check from it that only one leader acted and that no older epoch acted after a newer one.
/// </summary>
internal sealed class ActionLog(IInstanceProvider inner, string folder, string host, TimeProvider time) : IInstanceProvider
{
    private readonly string _log = Path.Combine(folder, "actions.log");

    public ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
    {
        Append("provision", "-");
        return inner.ProvisionAsync(cancellationToken);
    }

    public ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        Append("decommission", instance.Id);
        return inner.DecommissionAsync(instance, cancellationToken);
    }

    /// <summary>One line per call: epoch, host, action, instance, Unix milliseconds.</summary>
    private void Append(string action, string id)
        => File.AppendAllText(_log, string.Create(CultureInfo.InvariantCulture, $"{LeaderFencing.CurrentEpoch} {host} {action} {id} {time.GetUtcNow().ToUnixTimeMilliseconds()}\n"));
}
