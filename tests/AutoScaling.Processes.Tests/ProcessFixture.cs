using AutoScaling.Processes;
using AutoScaling.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScaling.Processes.Tests;

/// <summary>
/// One test's world: a temporary folder with the state file and the web root, and providers that run
/// <c>busybox httpd -f -p 127.0.0.1:{port}</c> over it. Ports: 19900-19999 belong to these tests.
/// </summary>
internal sealed class ProcessFixture
{
    private readonly string _root = Directory.CreateTempSubdirectory("as-processes-").FullName;

    public ProcessFixture()
    {
        Directory.CreateDirectory(WebRoot);
        File.WriteAllText(Path.Combine(WebRoot, "index.html"), "process instance\n");
    }

    public string StateFile => Path.Combine(_root, "state", "web.processes.json");

    public string WebRoot => Path.Combine(_root, "www");

    public static void RequireBusybox()
        => Component.Require(OperatingSystem.IsLinux() && Tools.Busybox is not null, "busybox is not installed (apt-get install busybox-static; scripts/setup/docker.sh does)");

    public ProcessInstanceOptions Options(int firstPort, int lastPort) => new()
    {
        Command = Tools.Busybox!,
        Arguments = ["httpd", "-f", "-p", "127.0.0.1:{port}", "-h", WebRoot],
        PortRangeStart = firstPort,
        PortRangeEnd = lastPort,
        Probe = ProcessProbeKind.Http,
        StopGracePeriod = TimeSpan.FromSeconds(5),
        StateFile = StateFile,
    };

    public static ProcessInstanceProvider Provider(ProcessInstanceOptions options, ILogger? logger = null)
        => new("web", options, TimeProvider.System, logger ?? NullLogger.Instance);

    public void Delete()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
