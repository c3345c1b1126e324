using System.Globalization;

namespace AutoScaling.Controller;

/// <summary>Reads every metric of a group at once, each under the group's timeout, into a preallocated buffer.</summary>
internal sealed class MetricGatherer
{
    private readonly ScalingGroup _group;
    private readonly MetricSample[] _samples;
    private readonly Task[] _reads;

    public MetricGatherer(ScalingGroup group)
    {
        _group = group;
        _samples = new MetricSample[group.Model.Sources.Length];
        _reads = new Task[group.Model.Sources.Length];
    }

    /// <summary>Gets the samples of the last gathering, in the group's metric order.</summary>
    public ReadOnlyMemory<MetricSample> Samples => _samples;

    public async Task GatherAsync(int currentInstances, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _reads.Length; i++)
        {
            _reads[i] = ReadAsync(i, currentInstances, cancellationToken);
        }

        await Task.WhenAll(_reads).ConfigureAwait(false);
    }

    private async Task ReadAsync(int index, int currentInstances, CancellationToken cancellationToken)
    {
        var model = _group.Model;
        var name = model.MetricNames[index];
        var context = new MetricReadContext(_group.Name, name, currentInstances);
        var timeout = model.Options.MetricTimeout;
        MetricSample sample;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            // WaitAsync enforces the timeout even on a source that ignores its token.
            sample = await model.Sources[index].ReadAsync(context, cts.Token).AsTask()
                .WaitAsync(timeout, _group.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await cts.CancelAsync().ConfigureAwait(false);
            sample = MetricSample.Failed(_group.Time.GetUtcNow(), string.Create(CultureInfo.InvariantCulture, $"The read timed out after {timeout.TotalSeconds:0.###} s."));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            sample = MetricSample.Failed(_group.Time.GetUtcNow(), ex.GetType().Name + ": " + ex.Message);
        }

        if (sample.Status == MetricStatus.Failed)
        {
            _group.Instruments.RecordMetricFailure(_group.Name, name);
            Log.MetricFailed(_group.Logger, _group.Name, name, sample.Error);
        }

        _samples[index] = sample;
    }
}
