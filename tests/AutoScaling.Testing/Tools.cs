namespace AutoScaling.Testing;

/// <summary>The real programs the tests run (haproxy, nginx, prometheus, promtool, busybox), found on disk, and bounded polling.</summary>
public static class Tools
{
    private static readonly string[] s_systemDirectories = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>Gets haproxy's path, or <see langword="null"/> when it is not installed.</summary>
    public static string? HAProxy { get; } = Find("haproxy");

    /// <summary>Gets prometheus' path, or <see langword="null"/> when it is not installed.</summary>
    public static string? Prometheus { get; } = Find("prometheus");

    /// <summary>Gets nginx's path, or <see langword="null"/> when it is not installed.</summary>
    public static string? Nginx { get; } = Find("nginx");

    /// <summary>Gets busybox's path, or <see langword="null"/> when it is not installed.</summary>
    public static string? Busybox { get; } = Find("busybox");

    /// <summary>Finds a program on <c>PATH</c>, then in the system's bin and sbin directories (haproxy lives in <c>/usr/sbin</c>).</summary>
    /// <param name="name">The program's file name.</param>
    /// <returns>Its full path, or <see langword="null"/>.</returns>
    public static string? Find(string name)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(s_systemDirectories).Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="limit"/> passes; checks once more at the end.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="limit">How long to wait at most.</param>
    /// <param name="every">The pause between checks; 200 ms by default.</param>
    /// <returns>Whether the condition held.</returns>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, TimeSpan? every = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(200));
        }

        return await condition();
    }

    /// <summary>Whether a GET of <paramref name="uri"/> answers with a success status (no answer, or an error, is <see langword="false"/>).</summary>
    /// <param name="http">The client (its timeout bounds the call).</param>
    /// <param name="uri">The address.</param>
    /// <returns>Whether it answered 2xx.</returns>
    public static async Task<bool> AnswersAsync(HttpClient http, Uri uri)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            using var response = await http.GetAsync(uri);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Whether something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    /// <param name="port">The port.</param>
    /// <returns>Whether a connection was accepted.</returns>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
