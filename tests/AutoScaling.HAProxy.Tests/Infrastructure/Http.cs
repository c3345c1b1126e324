namespace AutoScaling.HAProxy.Tests;

/// <summary>HTTP through the haproxy frontends, and bounded polling.</summary>
internal static class Http
{
    public static HttpClient Client { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(20) };

    public static async Task<(int Status, string Body)> GetAsync(int port, string path = "/")
    {
        using var response = await Client.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
        return ((int)response.StatusCode, (await response.Content.ReadAsStringAsync()).Trim());
    }

    /// <summary>Polls until <paramref name="condition"/> holds, at most <paramref name="seconds"/> seconds.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, double seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Timed out after {seconds} s waiting for: {what}");
    }
}
