using AutoScaling.Testing;

namespace AutoScaling.Prometheus.Tests;

/// <summary>The metric-source contract, against a real prometheus.</summary>
[Collection(PrometheusServerGroup.Name)]
public sealed class PrometheusMetricSourceContractTests(PrometheusFixture fixture) : MetricSourceContractTests
{
    private static readonly HttpClient s_http = new();

    protected override Task RequireBackendAsync()
    {
        PrometheusFixture.Require();
        return Task.CompletedTask;
    }

    protected override Task<IMetricSource> CreateSourceWithValueAsync(double value)
        => Create(FormattableString.Invariant($"vector({value:R})"));

    protected override Task<IMetricSource> CreateSourceWithoutDataAsync()
        => Create("autoscaling_contract_series_that_does_not_exist");

    protected override Task<IMetricSource> CreateFailingSourceAsync()
        => Create("sum(rate(");

    private Task<IMetricSource> Create(string query)
        => Task.FromResult<IMetricSource>(new PrometheusMetricSource(new PrometheusQueryOptions { Server = fixture.Server, Query = query }, s_http));
}

/// <summary>The per-instance contract, against a real prometheus: an <c>InstanceQuery</c> of one series per address.</summary>
[Collection(PrometheusServerGroup.Name)]
public sealed class PrometheusInstanceMetricSourceContractTests(PrometheusFixture fixture) : InstanceMetricSourceContractTests
{
    private static readonly HttpClient s_http = new();

    protected override Task RequireBackendAsync()
    {
        PrometheusFixture.Require();
        return Task.CompletedTask;
    }

    protected override Task<IInstanceMetricSource> CreateSourceAsync(IReadOnlyDictionary<string, double> byAddress)
    {
        var query = byAddress.Count == 0
            ? "autoscaling_contract_series_that_does_not_exist"
            : string.Join(" or ", byAddress.Select(p => FormattableString.Invariant($"label_replace(vector({p.Value:R}), \"instance\", \"{p.Key}\", \"\", \"\")")));
        return Task.FromResult<IInstanceMetricSource>(new PrometheusMetricSource(new PrometheusQueryOptions { Server = fixture.Server, Query = "vector(1)", InstanceQuery = query }, s_http));
    }
}
