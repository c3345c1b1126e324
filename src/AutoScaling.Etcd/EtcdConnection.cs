using System.Security.Cryptography.X509Certificates;
using Etcdserverpb;
using Grpc.Core;
using Grpc.Net.Client;

namespace AutoScaling.Etcd;

/// <summary>
/// The gRPC channels to etcd's members: each call goes to the current endpoint, with its own deadline, and a failed
/// call moves the next one to the next endpoint. With credentials, a token from <c>Authenticate</c> rides in the
/// <c>token</c> header and is fetched again after a failure. Credentials are never logged.
/// </summary>
internal sealed class EtcdConnection : IDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly EtcdLeadershipOptions _options;
    private readonly X509Certificate2? _clientCertificate;
    private int _current;
    private volatile Metadata? _token;

    public EtcdConnection(EtcdLeadershipOptions options)
    {
        _options = options;
        if (!string.IsNullOrEmpty(options.ClientCertificateFile))
        {
            _clientCertificate = X509Certificate2.CreateFromPemFile(options.ClientCertificateFile, options.ClientKeyFile);
        }

        _channels = options.Endpoints.Select(e => GrpcChannel.ForAddress(e, new GrpcChannelOptions { HttpHandler = CreateHandler() })).ToArray();
    }

    /// <summary>Gets the endpoint calls go to now.</summary>
    public string Endpoint => _options.Endpoints[Volatile.Read(ref _current) % _channels.Length];

    /// <summary>Makes one call with the request deadline; a failure moves to the next endpoint and drops the token.</summary>
    public async Task<T> CallAsync<T>(Func<CallInvoker, CallOptions, Task<T>> call, CancellationToken cancellationToken)
    {
        var index = Volatile.Read(ref _current);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            var invoker = _channels[index % _channels.Length].CreateCallInvoker();
            var headers = await TokenAsync(invoker, timeout.Token).ConfigureAwait(false);
            return await call(invoker, new CallOptions(headers, cancellationToken: timeout.Token)).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is RpcException or OperationCanceledException or HttpRequestException)
        {
            Interlocked.CompareExchange(ref _current, (index + 1) % _channels.Length, index);
            _token = null;
            throw new EtcdUnavailableException(Endpoint, ex is OperationCanceledException ? $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s" : ex.Message, ex);
        }
    }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        _clientCertificate?.Dispose();
    }

    private async Task<Metadata?> TokenAsync(CallInvoker invoker, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.Username) || _token is { } cached)
        {
            return _token;
        }

        var reply = await new Auth.AuthClient(invoker).AuthenticateAsync(
            new AuthenticateRequest { Name = _options.Username, Password = _options.Password }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var token = new Metadata { { "token", reply.Token } };
        _token = token;
        return token;
    }

    private SocketsHttpHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, ConnectTimeout = _options.RequestTimeout };
        if (_clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [_clientCertificate];
        }

        if (!string.IsNullOrEmpty(_options.TrustedCaFile))
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(_options.TrustedCaFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using var presented = new X509Certificate2(certificate);
                return chain.Build(presented);
            };
        }

        return handler;
    }
}

/// <summary>An etcd call failed or got no answer in time (the member is down, or the cluster has no quorum).</summary>
internal sealed class EtcdUnavailableException(string endpoint, string reason, Exception inner)
    : Exception($"etcd at {endpoint}: {reason}", inner)
{
    public string Reason { get; } = reason;
}
