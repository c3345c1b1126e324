using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace AutoScaling.Prometheus;

/// <summary>
/// One <see cref="HttpClient"/> per Prometheus server (scheme, host, port and TLS settings), shared by every metric
/// that queries it. Credentials are sent per request, so metrics with different credentials still share connections.
/// </summary>
/// <remarks>Registered as a singleton; disposing it disposes the clients.</remarks>
internal sealed class PrometheusHttpClients : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<HttpClient>> _clients = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Gets the client for the server of <paramref name="options"/>, creating it on first use.</summary>
    /// <param name="options">The query options (their server and TLS settings).</param>
    /// <returns>The shared client; do not dispose it.</returns>
    public HttpClient GetClient(PrometheusQueryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Server);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var key = string.Join(
            '|',
            options.Server.GetLeftPart(UriPartial.Authority),
            options.AllowUntrustedCertificates ? "untrusted" : "trusted",
            options.CaCertificatePath ?? string.Empty);
        var caPath = options.CaCertificatePath;
        var untrusted = options.AllowUntrustedCertificates;
        return _clients.GetOrAdd(key, _ => new Lazy<HttpClient>(() => Create(caPath, untrusted))).Value;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _disposed = true;
        foreach (var client in _clients.Values)
        {
            if (client.IsValueCreated)
            {
                client.Value.Dispose();
            }
        }

        _clients.Clear();
    }

    private static HttpClient Create(string? caPath, bool untrusted)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        if (untrusted)
        {
#pragma warning disable CA5359 // An explicit, documented opt-in (PrometheusQueryOptions.AllowUntrustedCertificates) for test servers.
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (caPath is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(caPath);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => ValidateWithRoots(certificate, errors, roots);
        }

        // Each read has its own timeout (PrometheusQueryOptions.Timeout).
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static bool ValidateWithRoots(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // A name mismatch or a missing certificate is never excused; only the chain is checked again, against our roots.
        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (certificate is X509Certificate2 cert2)
        {
            return chain.Build(cert2);
        }

        using var cert = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(cert);
    }
}
