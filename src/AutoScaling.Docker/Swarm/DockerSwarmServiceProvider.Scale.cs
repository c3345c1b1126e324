using System.Globalization;
using AutoScaling.Docker.Client;

namespace AutoScaling.Docker;

/// <content>Changing the replica count with the service's version index.</content>
public sealed partial class DockerSwarmServiceProvider
{
    /// <summary>Changes the replicas by <paramref name="delta"/>; retries when the service changed in between.</summary>
    internal async Task<(ulong From, ulong To)> ScaleByAsync(int delta, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var service = await _docker.InspectServiceAsync(_options.Service, cancellationToken).ConfigureAwait(false);
                var id = string.IsNullOrEmpty(service.ID) ? _options.Service : service.ID;
                var version = service.Version?.Index ?? throw Failure("the service has no Version.Index", null);
                var spec = service.Spec ?? throw Failure("the service has no Spec", null);
                if (spec.Mode?.Replicated is not { } replicated)
                {
                    throw Failure("it is not a replicated service (global services cannot be scaled)", null);
                }

                // The spec goes back as it came, but for Replicas (a test compares the daemon's spec before and after).
                var from = replicated.Replicas ?? 0UL;
                var to = (long)from + delta;
                if (to < 0 || to > _options.MaxReplicas)
                {
                    throw Failure(string.Create(CultureInfo.InvariantCulture, $"{from} + {delta} replicas is outside 0..{_options.MaxReplicas} (MaxReplicas)"), null);
                }

                replicated.Replicas = (ulong)to;
                if (BeforeUpdate is { } hook)
                {
                    await hook(attempt, cancellationToken).ConfigureAwait(false);
                }

                await _docker.UpdateServiceAsync(id, version, spec, cancellationToken).ConfigureAwait(false);
                return (from, (ulong)to);
            }
            catch (DockerApiException e) when (e.Kind == DockerErrorKind.VersionConflict && attempt < _options.UpdateRetries)
            {
                Log.VersionConflict(_logger, _group, _options.Service, attempt + 1, e.Message);
            }
            catch (DockerApiException e)
            {
                throw Failure(e.Message, e);
            }
        }
    }

    private InstanceProviderException Failure(string message, Exception? inner)
        => new($"Docker Swarm group '{_group}': scaling service '{_options.Service}' failed: {message}", inner);
}
