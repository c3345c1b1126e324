using System.Net;
using System.Text.Json;
using AutoScaling.Host.Hosting;
using AutoScaling.Testing;

namespace AutoScaling.Host.Tests;

/// <summary>
/// One run of the real autoscaler over the in-memory example on a loopback port of this suite: health, metrics, the
/// control API behind a key, the dashboard, scaling on the configured metric, a reload of the file, and SIGTERM.
/// </summary>
/// <remarks>The same scenario runs the framework-dependent build, the native AOT binary and the container image.</remarks>
internal static class HostScenario
{
    public const string OperatorKey = "scenario-operator-key-0123456789";

    /// <summary>The suite's own ports for listeners (other suites: HAProxy 19100-19499, NGINX 19600-19699); 19750-19799 are its containers'.</summary>
    public static PortRange Ports { get; } = new(19700, 19749);

    /// <summary>Starts the autoscaler: given the config file, the environment and the port, returns the process.</summary>
    public delegate HostProcess Launcher(string configFile, IReadOnlyDictionary<string, string> environment);

    public static async Task RunAsync(Launcher launch)
    {
        var port = Ports.Next();
        var folder = Directory.CreateTempSubdirectory("autoscaler-scenario").FullName;
        var config = Path.Combine(folder, "autoscaler.json");
        await File.WriteAllTextAsync(config, InProcessHost.Example("inmemory.json").Replace("127.0.0.1:9470", $"127.0.0.1:{port}", StringComparison.Ordinal));
        var environment = new Dictionary<string, string>
        {
            ["Host__ControlApi__AllowAnonymous"] = "false",
            ["Host__ControlApi__OperatorKey"] = OperatorKey,
        };
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
        using var host = launch(config, environment);
        try
        {
            Assert.True(await Tools.WaitUntilAsync(() => Tools.AnswersAsync(http, new Uri(baseUri, "health")), TimeSpan.FromSeconds(60)), "no health answer:\n" + host.Output);

            using (var anonymous = await http.GetAsync("autoscaling/groups"))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            }

            // 250 rps at 100 per instance: 3 instances.
            Assert.True(await Tools.WaitUntilAsync(async () => await ActiveAsync(http) == 3, TimeSpan.FromSeconds(30)), "web did not reach 3 active:\n" + host.Output);
            var metrics = await http.GetStringAsync("metrics");
            Assert.Contains("autoscaling_group_desired_instances{group=\"web\"} 3", metrics, StringComparison.Ordinal);
            using (var page = await Send(http, HttpMethod.Get, "autoscaling/ui"))
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            }

            // The file changes (the host reloads it): 490 rps, 5 instances (4 first: the default rate limit, then 490/400 is
            // still out of the 10 % tolerance).
            await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace("\"Value\": 250", "\"Value\": 490", StringComparison.Ordinal));
            Assert.True(await Tools.WaitUntilAsync(async () => await ActiveAsync(http) == 5, TimeSpan.FromSeconds(30)), "web did not follow the reloaded value to 5:\n" + host.Output);

            using (var pause = await Send(http, HttpMethod.Post, "autoscaling/groups/web/pause"))
            {
                Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
            }

            Assert.Equal(Autoscaler.ExitOk, await host.TerminateAsync(TimeSpan.FromSeconds(30)));
            Assert.DoesNotContain(OperatorKey, host.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs the autoscaler on an invalid file: exit code 2, every problem on one line each, no stack trace.</summary>
    public static async Task InvalidAsync(Launcher launch)
    {
        var folder = Directory.CreateTempSubdirectory("autoscaler-invalid").FullName;
        var config = Path.Combine(folder, "autoscaler.json");
        await File.WriteAllTextAsync(config, """
            { "AutoScaling": { "Groups": { "web": { "MinInstances": 3, "MaxInstances": 2,
                "Instances": { "Type": "Kubernetes" }, "Policies": [ { "Type": "Magic" } ] } } } }
            """);
        using var host = launch(config, new Dictionary<string, string>());
        try
        {
            Assert.Equal(Autoscaler.ExitInvalid, await host.WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("Host:ControlApi has no key", host.Output, StringComparison.Ordinal);
            Assert.Contains("AutoScaling group 'web': MinInstances is 3; it must not be greater than MaxInstances (2).", host.Output, StringComparison.Ordinal);
            Assert.Contains("AutoScaling group 'web': Instances:Type is 'Kubernetes'", host.Output, StringComparison.Ordinal);
            Assert.Contains("AutoScaling group 'web': Policies:0:Type is 'Magic'", host.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> ActiveAsync(HttpClient http)
    {
        using var response = await Send(http, HttpMethod.Get, "autoscaling/groups/web");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return -1;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("instancesByState").GetProperty("active").GetInt32();
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", OperatorKey);
        return http.SendAsync(request);
    }
}
