using System.Globalization;

namespace AutoScaling.Controller;

/// <summary>
/// Reads every metric of a group at once, each under the group's timeout, into buffers it owns and reuses: the latest
/// sample of each metric, its recent samples (<see cref="HistoryLength"/> per metric, oldest first) and, from sources
/// that implement <see cref="IInstanceMetricSource"/>, one sample per counted instance.
/// </summary>
internal sealed class MetricGatherer
{
    /// <summary>The recent samples kept per metric: the most a policy may look back, in evaluations.</summary>
    public const int HistoryLength = Policies.NomadThresholdPolicy.MaxWindow;

    private readonly ScalingGroup _group;
    private readonly MetricSample[] _samples;
    private readonly MetricSample[] _history;
    private readonly Task[] _reads;
    private readonly bool _perInstance;
    private readonly List<ScalingInstance> _instances = [];
    private InstanceState[] _states = [];
    private MetricSample[] _instanceSamples = [];

    public MetricGatherer(ScalingGroup group)
    {
        _group = group;
        var sources = group.Model.Sources;
        _samples = new MetricSample[sources.Length];
        _reads = new Task[sources.Length];
        _history = new MetricSample[sources.Length * HistoryLength];
        _history.AsSpan().Fill(MetricSample.Missing(DateTimeOffset.MinValue, "No evaluation yet."));
        foreach (var source in sources)
        {
            _perInstance |= source is IInstanceMetricSource;
        }
    }

    /// <summary>Gets the samples of the last gathering, in the group's metric order.</summary>
    public ReadOnlyMemory<MetricSample> Samples => _samples;

    /// <summary>Gets the recent samples of each metric, metric by metric, oldest first.</summary>
    public ReadOnlyMemory<MetricSample> History => _history;

    /// <summary>Gets the state of each counted instance of the last gathering; empty when no source reads per instance.</summary>
    public ReadOnlyMemory<InstanceState> InstanceStates => _states.AsMemory(0, _instances.Count);

    /// <summary>Gets the per-instance samples of the last gathering, metric by metric; empty when no source reads per instance.</summary>
    public ReadOnlyMemory<MetricSample> InstanceSamples => _instanceSamples.AsMemory(0, _instances.Count * _samples.Length);

    public async Task GatherAsync(InstanceView view, CancellationToken cancellationToken)
    {
        PrepareInstances(view);
        for (var i = 0; i < _reads.Length; i++)
        {
            _reads[i] = ReadAsync(i, view.Current, cancellationToken);
        }

        await Task.WhenAll(_reads).ConfigureAwait(false);
        for (var i = 0; i < _samples.Length; i++)
        {
            var row = _history.AsSpan(i * HistoryLength, HistoryLength);
            row[1..].CopyTo(row);
            row[^1] = _samples[i];
        }
    }

    private void PrepareInstances(InstanceView view)
    {
        _instances.Clear();
        if (!_perInstance)
        {
            return;
        }

        foreach (var instance in view.Instances)
        {
            if (instance.State is InstanceState.Active or InstanceState.Starting)
            {
                _instances.Add(instance);
            }
        }

        var count = _instances.Count;
        if (_states.Length < count)
        {
            _states = new InstanceState[count];
            _instanceSamples = new MetricSample[count * _samples.Length];
        }

        for (var i = 0; i < count; i++)
        {
            _states[i] = _instances[i].State;
        }

        _instanceSamples.AsSpan(0, count * _samples.Length).Fill(MetricSample.Missing(_group.Time.GetUtcNow(), "The source reads no per-instance samples."));
    }

    private async Task ReadAsync(int index, int currentInstances, CancellationToken cancellationToken)
    {
        var model = _group.Model;
        var name = model.MetricNames[index];
        var context = new MetricReadContext(_group.Name, name, currentInstances);
        var source = model.Sources[index];

        // The per-instance read runs beside the group read, under the same timeout.
        var perInstance = source is IInstanceMetricSource instanceSource && _instances.Count > 0
            ? ReadInstancesAsync(index, instanceSource, context, cancellationToken)
            : Task.CompletedTask;
        var sample = await WithTimeoutAsync(static (s, c, _, _, t) => s.ReadAsync(c, t).AsTask(), source, context, null, default, cancellationToken).ConfigureAwait(false);
        if (sample.Status == MetricStatus.Failed)
        {
            _group.Instruments.RecordMetricFailure(_group.Name, name);
            Log.MetricFailed(_group.Logger, _group.Name, name, sample.Error);
        }

        _samples[index] = sample;
        await perInstance.ConfigureAwait(false);
    }

    private async Task ReadInstancesAsync(int index, IInstanceMetricSource source, MetricReadContext context, CancellationToken cancellationToken)
    {
        var count = _instances.Count;
        var row = _instanceSamples.AsMemory(index * count, count);
        var failure = await WithTimeoutAsync(
            static async (s, c, instances, row, t) =>
            {
                await ((IInstanceMetricSource)s).ReadInstancesAsync(c, instances!, row, t).ConfigureAwait(false);
                return MetricSample.Valid(0, default); // no failure
            },
            source,
            context,
            _instances,
            row,
            cancellationToken).ConfigureAwait(false);
        if (failure.Status == MetricStatus.Failed)
        {
            row.Span.Fill(failure);
            Log.MetricFailed(_group.Logger, _group.Name, context.MetricName, failure.Error);
        }
    }

    /// <summary>Runs one read under the group's timeout; a timeout or an exception becomes a failed sample.</summary>
    private async Task<MetricSample> WithTimeoutAsync(
        Func<IMetricSource, MetricReadContext, IReadOnlyList<ScalingInstance>?, Memory<MetricSample>, CancellationToken, Task<MetricSample>> read,
        IMetricSource source,
        MetricReadContext context,
        IReadOnlyList<ScalingInstance>? instances,
        Memory<MetricSample> row,
        CancellationToken cancellationToken)
    {
        var timeout = _group.Model.Options.MetricTimeout;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            // WaitAsync enforces the timeout even on a source that ignores its token.
            return await read(source, context, instances, row, cts.Token).WaitAsync(timeout, _group.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await cts.CancelAsync().ConfigureAwait(false);
            return MetricSample.Failed(_group.Time.GetUtcNow(), string.Create(CultureInfo.InvariantCulture, $"The read timed out after {timeout.TotalSeconds:0.###} s."));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return MetricSample.Failed(_group.Time.GetUtcNow(), ex.GetType().Name + ": " + ex.Message);
        }
    }
}
