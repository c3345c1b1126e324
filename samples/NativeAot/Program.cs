// Native AOT smoke test. Runs an in-memory group until its instances are active, binds adapter options from
// configuration (the source-generated binder), and, where dockerd runs, lists containers through the Docker adapter
// (Docker.DotNet's source-generated JSON). Prints one line per check; exits 1 on the first failure.
using AutoScaling;
using AutoScaling.Docker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

const string DockerSocket = "/var/run/docker.sock";
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Containers:Image"] = "autoscaling-test:local",
    ["Containers:Command:0"] = "httpd",
    ["Containers:PortRangeStart"] = "18590",
    ["Containers:PortRangeEnd"] = "18599",
    ["Containers:OwnerId"] = "native-aot-sample",
});
builder.Services.AddAutoScaling().AddScalingGroup("web", g => g
    .Configure(o => o.Interval = TimeSpan.FromMilliseconds(200))
    .UseFixed(f => f.Instances = 2)
    .UseInMemoryInstances(i => i.StartupDelay = TimeSpan.Zero));

using var host = builder.Build();
await host.StartAsync();
var control = host.Services.GetRequiredService<IAutoScalingControl>();
var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
while (control.GetStatus("web").Count(InstanceState.Active) < 2 && DateTimeOffset.UtcNow < deadline)
{
    await Task.Delay(50);
}

var active = control.GetStatus("web").Count(InstanceState.Active);
await host.StopAsync();
Console.WriteLine($"in-memory group: {active} active");
if (active != 2)
{
    return 1;
}

var options = new DockerContainerOptions();
builder.Configuration.GetSection("Containers").Bind(options);
Console.WriteLine($"bound options: image {options.Image}, ports {options.PortRangeStart}-{options.PortRangeEnd}");
if (options.Image != "autoscaling-test:local" || options.PortRangeEnd != 18599)
{
    return 1;
}

if (!File.Exists(DockerSocket))
{
    Console.WriteLine($"docker: no {DockerSocket}, not checked");
    return Environment.GetEnvironmentVariable("CI") == "true" ? 1 : 0;
}

using var docker = new DockerContainerProvider("aot", options);
var listed = await docker.ListAsync(CancellationToken.None);
Console.WriteLine($"docker: listed {listed.Count} containers of group 'aot' through Docker.DotNet");
Console.WriteLine("native AOT: ok");
return 0;
