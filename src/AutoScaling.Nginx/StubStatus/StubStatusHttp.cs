namespace AutoScaling.Nginx;

/// <summary>The one <see cref="HttpClient"/> every stub_status metric of the host reads with (a singleton, disposed with the container).</summary>
internal sealed class StubStatusHttp : IDisposable
{
    public HttpClient Client { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

    public void Dispose() => Client.Dispose();
}
