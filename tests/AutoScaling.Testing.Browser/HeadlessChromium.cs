using Microsoft.Playwright;

namespace AutoScaling.Testing.Browser;

/// <summary>
/// Debian's <c>chromium</c>, headless, driven by Playwright with <c>ExecutablePath</c> set (Playwright's own browser
/// download is not reachable here). Install it with <c>scripts/setup/chromium.sh</c>. Dispose to close the browser.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Gets chromium's path, or <see langword="null"/> when it is not installed.</summary>
    public static string? Executable { get; } = Tools.Find("chromium");

    /// <summary>Gets the browser, for tests that need more than <see cref="OpenAsync"/>.</summary>
    public IBrowser Browser => _browser;

    /// <summary>Starts a headless chromium. Call <see cref="Component.Require"/> with <see cref="Executable"/> first.</summary>
    /// <returns>The running browser.</returns>
    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var executable = Executable ?? throw new InvalidOperationException("chromium is not installed (run scripts/setup/chromium.sh)");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                // As root (CI containers) chromium refuses to start with its sandbox; nothing here is untrusted.
                Args = ["--no-sandbox", "--disable-gpu", "--no-proxy-server"],
                Timeout = 60_000,
            });
            return new HeadlessChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> in a new page and records the console errors and page errors it raises.</summary>
    /// <param name="url">The address (<c>file://</c> or <c>http://127.0.0.1:…</c>).</param>
    /// <param name="options">Page options, for example <c>ExtraHTTPHeaders</c> sent with every request of the page (credentials).</param>
    /// <returns>The page and the errors seen so far (the list keeps filling while the page lives).</returns>
    public async Task<(IPage Page, IReadOnlyList<string> Errors)> OpenAsync(string url, BrowserNewPageOptions? options = null)
    {
        var errors = new List<string>();
        var page = await _browser.NewPageAsync(options);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (errors)
                {
                    errors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 30_000 });
        return (page, errors);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
