using System.Globalization;

namespace AutoScaling.Testing;

/// <summary>
/// A real nginx master started by a test: a generated main configuration in a temp dir (pid file, error log and temp
/// paths in it), two workers, the caller's <c>http { }</c> body; <c>daemon off</c> so the master is our child. Stopped
/// with SIGTERM to its pid (the master stops its workers), then SIGKILL if it lingers.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    /// <summary>What to run when nginx is missing.</summary>
    public const string HowToInstall = "nginx or busybox is not installed (run: bash scripts/setup/nginx.sh, or ./build.sh setup)";

    private NginxServer(string directory, ChildProcess process)
    {
        Directory = directory;
        Process = process;
    }

    /// <summary>Gets the temp dir holding the configuration, the pid file and the error log.</summary>
    public string Directory { get; }

    /// <summary>Gets the main configuration (<c>nginx -c</c>).</summary>
    public string ConfigurationPath => Path.Combine(Directory, "nginx.conf");

    /// <summary>Gets the master's pid file.</summary>
    public string PidFile => Path.Combine(Directory, "nginx.pid");

    /// <summary>Gets the error log.</summary>
    public string ErrorLog => Path.Combine(Directory, "error.log");

    /// <summary>Gets the master process.</summary>
    public ChildProcess Process { get; private set; }

    /// <summary>Writes the main configuration around <paramref name="http"/> and starts the master; returns once <paramref name="port"/> accepts connections.</summary>
    /// <param name="port">A loopback port the <c>http</c> body listens on, waited for.</param>
    /// <param name="http">The body of <c>http { }</c>, given the temp dir (write included files there first with <paramref name="prepare"/>).</param>
    /// <param name="prepare">Writes the files the configuration includes, given the temp dir.</param>
    /// <param name="main">Lines added at the top level (<c>worker_shutdown_timeout 5s;</c>).</param>
    /// <returns>The running server.</returns>
    public static async Task<NginxServer> StartAsync(int port, Func<string, string> http, Func<string, Task>? prepare = null, string? main = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var binary = Tools.Nginx ?? throw new InvalidOperationException(HowToInstall);
        var dir = System.IO.Directory.CreateTempSubdirectory("as-nginx-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // workers run as 'nobody' when the master is root: they create their temp folders in here
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        if (prepare is not null)
        {
            await prepare(dir);
        }

        await File.WriteAllTextAsync(Path.Combine(dir, "nginx.conf"), string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes 2;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log notice;
            {{main ?? string.Empty}}
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{dir}}/client_body;
                proxy_temp_path {{dir}}/proxy;
                fastcgi_temp_path {{dir}}/fastcgi;
                uwsgi_temp_path {{dir}}/uwsgi;
                scgi_temp_path {{dir}}/scgi;
            {{http(dir)}}
            }

            """));
        var server = new NginxServer(dir, ChildProcess.Start(binary, "-c", Path.Combine(dir, "nginx.conf"), "-p", dir, "-g", "daemon off;"));
        var up = await Tools.WaitUntilAsync(() => Task.FromResult(server.Process.HasExited || (File.Exists(server.PidFile) && Tools.IsListening(port))), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));
        if (!up || server.Process.HasExited)
        {
            var output = server.Process.Output + ReadLog(server.ErrorLog);
            await server.DisposeAsync();
            throw new InvalidOperationException($"nginx did not listen on 127.0.0.1:{port} within 10 s: {output}");
        }

        return server;
    }

    /// <summary>Stops the master (SIGTERM to its pid, bounded wait) and starts it again on the same configuration, as after a host restart.</summary>
    /// <param name="port">A port to wait for.</param>
    /// <returns>A task.</returns>
    public async Task RestartAsync(int port)
    {
        await StopAsync();
        File.Delete(PidFile);
        Process = ChildProcess.Start(Tools.Nginx!, "-c", ConfigurationPath, "-p", Directory, "-g", "daemon off;");
        if (!await Tools.WaitUntilAsync(() => Task.FromResult(Process.HasExited || (File.Exists(PidFile) && Tools.IsListening(port))), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20)) || Process.HasExited)
        {
            throw new InvalidOperationException($"nginx did not restart: {Process.Output}{ReadLog(ErrorLog)}");
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private static string ReadLog(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;

    private async Task StopAsync()
    {
        if (!Process.HasExited)
        {
            try
            {
                await Process.SignalAsync("TERM"); // the master stops its workers, then exits
            }
            catch (InvalidOperationException)
            {
                // exited meanwhile
            }

            await Tools.WaitUntilAsync(() => Task.FromResult(Process.HasExited), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));
        }

        Process.Dispose(); // SIGKILL by pid if it is still there
    }
}
