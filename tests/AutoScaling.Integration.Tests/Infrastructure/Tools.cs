using System.Net;
using System.Net.Sockets;

namespace AutoScaling.Integration.Tests;

/// <summary>Finding binaries, free loopback ports of this suite's range (18600-18699), bounded polling.</summary>
internal static class Tools
{
    public static string? Find(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin"]);
        foreach (var dir in dirs)
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    /// <summary>The first port in [<paramref name="first"/>, <paramref name="last"/>] that binds on 127.0.0.1 and is not in <paramref name="taken"/>.</summary>
    public static int FreePort(int first, int last, ICollection<int> taken)
    {
        for (var port = first; port <= last; port++)
        {
            if (taken.Contains(port))
            {
                continue;
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                taken.Add(port);
                return port;
            }
            catch (SocketException)
            {
                // in use
            }
        }

        throw new InvalidOperationException($"no free port on 127.0.0.1 in {first}-{last}");
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 250 ms until it holds or <paramref name="limit"/> passes.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        while (Environment.TickCount64 < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250);
        }

        return await condition();
    }

    public static async Task<bool> AnswersAsync(HttpClient http, Uri uri)
    {
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
}
