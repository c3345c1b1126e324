using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AutoScaling.Testing;

namespace AutoScaling.Prometheus.Tests;

/// <summary>TLS with a private CA and basic authentication against a real prometheus (<c>--web.config.file</c>); secrets stay out of errors.</summary>
public sealed class PrometheusSecurityTests : IAsyncLifetime
{
    private const int Port = 19593;
    private const int CapturePort = 19520;
    internal const string User = "autoscaler";
    internal const string Password = "test-password-1";

    // bcrypt of Password (cost 4), as prometheus' web config wants it.
    internal const string PasswordHash = "$2b$04$EuINFQ9rtGNLvX7048I1FO6rcrWsj50hsChMT1RGWMfpKPe.Q5GYa";

    private PrometheusServer? _prometheus;
    private string? _caPath;

    public async Task InitializeAsync()
    {
        if (PrometheusServer.Binary is null)
        {
            return;
        }

        (_prometheus, _caPath) = await StartSecureAsync(Port);
    }

    public Task DisposeAsync()
    {
        _prometheus?.Dispose();
        return Task.CompletedTask;
    }

    [SkippableFact]
    public async Task Private_ca_and_basic_auth_read_the_value()
    {
        var sample = await ReadAsync(o => { o.CaCertificatePath = _caPath; o.Username = User; o.Password = Password; });

        Assert.Equal(MetricStatus.Valid, sample.Status);
        Assert.Equal(7, sample.Value);
    }

    [SkippableFact]
    public async Task Wrong_password_is_failed_without_the_password_in_the_error()
    {
        var sample = await ReadAsync(o => { o.CaCertificatePath = _caPath; o.Username = User; o.Password = "wrong-secret-value"; });

        Assert.Equal(MetricStatus.Failed, sample.Status);
        Assert.Contains("401", sample.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", sample.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Certificate_of_an_unknown_ca_is_refused()
    {
        var sample = await ReadAsync(o => { o.Username = User; o.Password = Password; });

        Assert.Equal(MetricStatus.Failed, sample.Status);
        Assert.Contains("could not be reached", sample.Error, StringComparison.Ordinal);
        Assert.Contains("certificate", sample.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Password, sample.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Untrusted_certificates_can_be_allowed_explicitly()
    {
        var sample = await ReadAsync(o => { o.AllowUntrustedCertificates = true; o.Username = User; o.Password = Password; });

        Assert.Equal(MetricStatus.Valid, sample.Status);
    }

    [Fact]
    public async Task Bearer_token_is_sent_as_authorization_header()
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{CapturePort}/");
        listener.Start();
        var captured = Task.Run(async () =>
        {
            var ctx = await listener.GetContextAsync();
            var header = ctx.Request.Headers["Authorization"];
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.OutputStream.WriteAsync("""{"status":"success","data":{"resultType":"scalar","result":[1,"9"]}}"""u8.ToArray());
            ctx.Response.Close();
            return header;
        });
        using var http = new HttpClient();
        var source = new PrometheusMetricSource(new PrometheusQueryOptions { Server = new Uri($"http://127.0.0.1:{CapturePort}/"), Query = "up", BearerToken = "tok-123" }, http);

        var sample = await source.ReadAsync(new MetricReadContext("web", "rps", 1), CancellationToken.None);

        Assert.Equal(9, sample.Value);
        Assert.Equal("Bearer tok-123", await captured.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private async Task<MetricSample> ReadAsync(Action<PrometheusQueryOptions> configure)
    {
        Component.Require(PrometheusServer.Binary is not null, PrometheusServer.HowToInstall);
        var options = new PrometheusQueryOptions { Server = _prometheus!.Address, Query = "vector(7)", Timeout = TimeSpan.FromSeconds(5) };
        configure(options);
        using var clients = new PrometheusHttpClients();
        var source = new PrometheusMetricSource(options, clients.GetClient(options));
        return await source.ReadAsync(new MetricReadContext("web", "rps", 1), CancellationToken.None);
    }

    /// <summary>Starts prometheus with TLS from a private CA and basic authentication of <see cref="User"/>; returns it and the CA's path.</summary>
    internal static async Task<(PrometheusServer Server, string CaPath)> StartSecureAsync(int port)
    {
        string? caPath = null;
        var server = await PrometheusServer.StartAsync(port, [], dir =>
        {
            caPath = WriteCertificates(dir);
            return $"tls_server_config:\n  cert_file: {dir}/server.pem\n  key_file: {dir}/server.key\nbasic_auth_users:\n  {User}: {PasswordHash}\n";
        });
        return (server, caPath!);
    }

    /// <summary>Writes a CA (ca.pem) and a server certificate for 127.0.0.1 signed by it (server.pem, server.key); returns the CA's path.</summary>
    private static string WriteCertificates(string dir)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=AutoScaling test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), [1, 2, 3, 4]);

        var caPath = Path.Combine(dir, "ca.pem");
        File.WriteAllText(caPath, ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "server.pem"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());
        return caPath;
    }
}
