using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AutoScaling.Prometheus.Tests;

/// <summary>
/// A server (or a proxy) that echoes the request's <c>Authorization</c> header in its error answer: the credentials
/// never reach a log line, a sample's error, a range result or the group's status (issue 9, fault 4).
/// </summary>
public sealed class PrometheusSecretScrubbingTests
{
    private const int EchoPort = 19521;
    private const int RawPort = 19522;
    private const string Token = "tok-Secret-7f3a9d";
    private const string User = "autoscaler";
    private const string Password = "pw-Secret-91c2e";

    private static readonly JsonSerializerOptions s_json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private static readonly string s_basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password));

    public static TheoryData<string, string> Answers => new()
    {
        { "bearer", "prometheus-400" },
        { "bearer", "prometheus-500" },
        { "bearer", "text-500" },
        { "basic", "prometheus-400" },
        { "basic", "prometheus-500" },
        { "basic", "text-500" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Credentials_echoed_by_the_server_never_reach_logs_errors_or_status(string auth, string answer)
    {
        using var server = EchoServer.Start(EchoPort, answer);
        var options = Options(auth, EchoPort);
        var logs = new FakeLogCollector();
        using var clients = new PrometheusHttpClients();
        var source = new PrometheusMetricSource(options, clients.GetClient(options), logger: new FakeLogger<PrometheusMetricSource>(logs));
        var context = new MetricReadContext("web", "rps", 1);

        var sample = await source.ReadAsync(context, CancellationToken.None);
        var range = await source.ReadRangeAsync(context, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(15), CancellationToken.None);

        Assert.True(server.Requests >= 2, "the server must have answered both reads");
        Assert.Equal(MetricStatus.Failed, sample.Status);
        Assert.Equal(MetricStatus.Failed, range.Status);
        AssertNoSecret(sample.Error, range.Error, Text(logs));
        if (answer.StartsWith("prometheus", StringComparison.Ordinal))
        {
            // The rest of the server's message is kept: only the credentials are replaced.
            Assert.Contains("Prometheus query failed (bad_data): parse error, request had Authorization: ", sample.Error, StringComparison.Ordinal);
            Assert.Contains("***", sample.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Credentials_in_a_malformed_answer_never_reach_the_error()
    {
        using var listener = new TcpListener(IPAddress.Loopback, RawPort);
        listener.Start();
        var serve = ServeMalformedAsync(listener);
        var options = Options("bearer", RawPort);
        using var clients = new PrometheusHttpClients();
        var source = new PrometheusMetricSource(options, clients.GetClient(options));

        var sample = await source.ReadAsync(new MetricReadContext("web", "rps", 1), CancellationToken.None);
        await serve.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(MetricStatus.Failed, sample.Status);
        Assert.Contains("could not be reached", sample.Error, StringComparison.Ordinal);
        AssertNoSecret(sample.Error);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("basic")]
    public async Task A_running_group_keeps_the_credentials_out_of_every_log_line_and_its_status(string auth)
    {
        using var server = EchoServer.Start(EchoPort, "prometheus-400");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging();
        builder.Services.AddAutoScaling().AddScalingGroup("web", g => g
            .Configure(o => { o.MinInstances = 1; o.Interval = TimeSpan.FromMilliseconds(100); })
            .UseInMemoryInstances(i => i.StartupDelay = TimeSpan.Zero)
            .UsePrometheusMetric("rps", q =>
            {
                var o = Options(auth, EchoPort);
                (q.Server, q.Query, q.Timeout, q.BearerToken, q.Username, q.Password) = (o.Server, o.Query, o.Timeout, o.BearerToken, o.Username, o.Password);
            })
            .UseTargetTracking(t => { t.Metric = "rps"; t.TargetPerInstance = 10; }));

        using var host = builder.Build();
        await host.StartAsync();
        var control = host.Services.GetRequiredService<IAutoScalingControl>();
        var logs = host.Services.GetFakeLogCollector();
        for (var i = 0; i < 500 && (server.Requests < 3 || !control.GetStatus("web").Metrics.ContainsKey("rps")); i++)
        {
            await Task.Delay(10);
        }

        await host.StopAsync();
        var status = control.GetStatus("web");

        Assert.True(server.Requests >= 3, "the group must have read the metric several times");
        Assert.Equal(MetricStatus.Failed, status.Metrics["rps"].Status);
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Warning);
        AssertNoSecret(Text(logs), JsonSerializer.Serialize(status, s_json), status.LastError, status.LastDecision?.ToString());
    }

    private static PrometheusQueryOptions Options(string auth, int port) => new()
    {
        Server = new Uri($"http://127.0.0.1:{port}/"),
        Query = "up",
        Timeout = TimeSpan.FromSeconds(3),
        BearerToken = auth == "bearer" ? Token : null,
        Username = auth == "basic" ? User : null,
        Password = auth == "basic" ? Password : null,
    };

    private static string Text(FakeLogCollector logs)
        => string.Join("\n", logs.GetSnapshot().Select(r => $"{r.Level} {r.Message} {r.Exception} {string.Join(",", r.StructuredState ?? [])}"));

    private static void AssertNoSecret(params string?[] texts)
    {
        foreach (var text in texts)
        {
            if (text is null)
            {
                continue;
            }

            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(s_basic, text, StringComparison.Ordinal);
        }
    }

    /// <summary>Answers one request with a header line that holds the credentials and no colon: the client's parser quotes it.</summary>
    private static async Task ServeMalformedAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[16 * 1024];
        var length = 0;
        string request;
        do
        {
            length += await stream.ReadAsync(buffer.AsMemory(length));
            request = Encoding.ASCII.GetString(buffer, 0, length);
        }
        while (!request.Contains("\r\n\r\n", StringComparison.Ordinal));

        var authorization = request.Split("\r\n").First(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))["Authorization:".Length..].Trim();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n{authorization}\r\n\r\n"));
    }

    /// <summary>An HTTP server on loopback that echoes each request's <c>Authorization</c> header (and the decoded basic credentials) in its error answer.</summary>
    private sealed class EchoServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly string _answer;
        private int _requests;

        private EchoServer(int port, string answer)
        {
            _answer = answer;
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public int Requests => Volatile.Read(ref _requests);

        public static EchoServer Start(int port, string answer) => new(port, answer);

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext ctx;
                try
                {
                    ctx = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using (var reader = new StreamReader(ctx.Request.InputStream))
                {
                    await reader.ReadToEndAsync();
                }

                var header = ctx.Request.Headers["Authorization"] ?? "(none)";
                var decoded = header.StartsWith("Basic ", StringComparison.Ordinal) ? Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])) : header[(header.IndexOf(' ', StringComparison.Ordinal) + 1)..];
                var echo = $"request had Authorization: {header} (credentials {decoded})";
                var (status, type, body) = _answer switch
                {
                    "prometheus-400" => (400, "application/json", JsonSerializer.Serialize(new { status = "error", errorType = "bad_data", error = "parse error, " + echo })),
                    "prometheus-500" => (500, "application/json", JsonSerializer.Serialize(new { status = "error", errorType = "bad_data", error = "parse error, " + echo })),
                    _ => (500, "text/plain", "proxy error: " + echo),
                };
                ctx.Response.StatusCode = status;
                ctx.Response.ContentType = type;
                Interlocked.Increment(ref _requests); // before answering: the client may read the answer before a count after it
                await ctx.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body));
                ctx.Response.Close();
            }
        }
    }
}
