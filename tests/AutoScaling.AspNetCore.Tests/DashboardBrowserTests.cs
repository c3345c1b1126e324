using AutoScaling.Testing;
using AutoScaling.Testing.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AutoScaling.AspNetCore.Tests;

/// <summary>The dashboard in Debian's chromium (Playwright with ExecutablePath), against the API on Kestrel, with the writer's API key on every request.</summary>
public class DashboardBrowserTests
{
    [SkippableFact]
    public async Task The_page_loads_without_errors_shows_the_group_and_scale_changes_the_target()
    {
        Component.Require(HeadlessChromium.Executable is not null, "chromium is not installed (run scripts/setup/chromium.sh)");
        await using var host = await ApiHost.StartAsync();
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var (page, errors) = await chromium.OpenAsync(new Uri(host.Address, "/autoscaling/ui").ToString(), new BrowserNewPageOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Api-Key"] = ApiHost.WriterKey }, // fetch and EventSource send it too
        });
        var web = page.Locator("[data-testid=group-web]");
        await Assertions.Expect(web).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=connection]")).ToHaveTextAsync("live", new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        await Assertions.Expect(web.Locator("[data-testid=manual-target]")).ToHaveTextAsync("none");
        Assert.Equal(1, await web.Locator("[data-testid=chart] polyline").CountAsync() > 0 ? 1 : 0);

        await web.Locator("[data-testid=scale-input]").FillAsync("2");
        await web.Locator("[data-testid=scale]").ClickAsync();

        // The stream shows the new target as soon as the request sets it; the instances come as the clock moves.
        await Assertions.Expect(web.Locator("[data-testid=manual-target]")).ToHaveTextAsync("2", new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        var control = host.Services.GetRequiredService<IAutoScalingControl>();
        Assert.Equal(2, control.GetStatus("web").ManualTarget);
        await host.AdvanceUntil(Task.Run(async () =>
        {
            while (control.GetStatus("web").Count(InstanceState.Active) < 2)
            {
                await Task.Delay(10);
            }

            return true;
        }).WaitAsync(TimeSpan.FromSeconds(60)));
        await Assertions.Expect(web.Locator("[data-testid=active]")).ToHaveTextAsync("2", new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        await Assertions.Expect(web.Locator("[data-testid=events] tr")).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });

        lock (errors)
        {
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
    }
}
