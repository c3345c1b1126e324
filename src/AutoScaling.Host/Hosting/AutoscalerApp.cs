using AutoScaling.AspNetCore;
using AutoScaling.Host.Composition;
using ControlApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScaling.Host.Hosting;

/// <summary>The autoscaler built from configuration: the web application, or every problem that keeps it from starting.</summary>
/// <param name="App">The application, built even when there are problems (so they are all collected); run it only without.</param>
/// <param name="Problems">Every problem found: unknown types, bad names, and each options validator's failures.</param>
/// <param name="Groups">The names of the configured groups.</param>
internal sealed record AutoscalerApp(WebApplication App, IReadOnlyList<string> Problems, IReadOnlyList<string> Groups) : IDisposable
{
    /// <summary>Disposes the application (its configuration file watchers, its services).</summary>
    public void Dispose() => ((IDisposable)App).Dispose();

    /// <summary>The section of the etcd leader election; absent, this host acts alone.</summary>
    public const string EtcdLeadershipPath = "AutoScaling:Leadership:Etcd";

    /// <summary>Builds the application from the command line, the configuration files and the environment.</summary>
    /// <param name="cli">The parsed command line.</param>
    /// <param name="configure">Changes the builder after the configuration sources are in place (tests add a clock or a JSON text).</param>
    /// <returns>The application and its problems.</returns>
    public static AutoscalerApp Build(CommandLine cli, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = cli.ConfigurationArgs });
        var problems = new List<string>();

        // Defaults under every other source: request logs and framework start-up chatter only from Warning up.
        ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new("Logging:LogLevel:Default", "Information"), new("Logging:LogLevel:Microsoft.AspNetCore", "Warning")],
        });
        if (cli.ConfigFile is { } file)
        {
            AddConfigFile(builder.Configuration, file, problems);
        }

        configure?.Invoke(builder);

        var host = new AutoscalerHostOptions();
        builder.Configuration.GetSection(AutoscalerHostOptions.Section).Bind(host);
        var hostResult = new AutoscalerHostOptionsValidator().Validate(null, host);
        if (hostResult.Failed)
        {
            problems.AddRange(hostResult.Failures);
        }

        builder.WebHost.UseUrls(host.Urls);
        var scaling = builder.Services.AddAutoScaling(o => builder.Configuration.GetSection("AutoScaling").Bind(o));
        problems.AddRange(GroupComposer.Compose(scaling, builder.Configuration));
        if (builder.Configuration.GetSection(EtcdLeadershipPath) is { } etcd && etcd.Exists())
        {
            scaling.AddEtcdLeadership(etcd); // several autoscalers, one acting per group (docs/high-availability.md)
        }

        AddEndpointsServices(builder, scaling, host, secure: !hostResult.Failed);

        var app = builder.Build();
        Validate(app.Services, problems);
        MapEndpoints(app, host, secure: !hostResult.Failed);
        var groups = builder.Configuration.GetSection(GroupComposer.GroupsPath).GetChildren().Select(g => g.Key).ToList();
        return new AutoscalerApp(app, problems, groups);
    }

    /// <summary>Adds the JSON file after appsettings.json and before the environment variables, so the environment overrides it.</summary>
    private static void AddConfigFile(ConfigurationManager configuration, string file, List<string> problems)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            problems.Add($"autoscaler: --config {ValidationMessages.Quote(file)}: the file does not exist.");
            return;
        }

        var sources = ((IConfigurationBuilder)configuration).Sources;
        var index = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource)
            {
                index = i + 1;
            }
        }

        var source = new JsonConfigurationSource { Path = path, Optional = false, ReloadOnChange = true };
        source.ResolveFileProvider(); // an absolute path: a provider on its folder, watched for changes
        sources.Insert(index, source);
    }

    private static void AddEndpointsServices(WebApplicationBuilder builder, IAutoScalingBuilder scaling, AutoscalerHostOptions host, bool secure)
    {
        if (!string.IsNullOrEmpty(host.MetricsPath))
        {
            builder.Services.AddAutoScalingPrometheusMetrics();
        }

        if (!string.IsNullOrEmpty(host.HealthPath))
        {
            builder.Services.AddHealthChecks().AddAutoScaling();
        }

        var api = host.ControlApi;
        if (!api.Enabled || !secure)
        {
            return; // with the Host section invalid the host does not start; its problems are already named
        }

        if (api.HasKeys)
        {
            builder.Services.AddApiKeyPolicies(api.ReaderKey, api.OperatorKey);
        }

        scaling.AddControlApi(o =>
        {
            o.AllowAnonymous = api.AllowAnonymous;
            o.ReadPolicy = api.HasKeys ? "autoscaling.read" : null;
            o.WritePolicy = api.HasKeys ? "autoscaling.write" : null;
            o.OperationTimeout = api.OperationTimeout;
        });
    }

    private static void MapEndpoints(WebApplication app, AutoscalerHostOptions host, bool secure)
    {
        var api = host.ControlApi;
        if (api.Enabled && secure)
        {
            app.UseStatusCodePages(); // 401/403 as Problem Details, as the control API answers its own errors
            if (api.HasKeys)
            {
                app.UseAuthentication();
                app.UseAuthorization();
            }

            app.MapAutoScaling(api.Prefix);
            if (!string.IsNullOrEmpty(api.DashboardPath))
            {
                app.MapAutoScalingDashboard(api.DashboardPath, api.Prefix);
            }
        }

        if (!string.IsNullOrEmpty(host.MetricsPath))
        {
            app.MapAutoScalingMetrics(host.MetricsPath);
        }

        if (!string.IsNullOrEmpty(host.HealthPath))
        {
            app.MapHealthChecks(host.HealthPath);
        }
    }

    /// <summary>Runs every options validator registered with ValidateOnStart now, collecting all their failures.</summary>
    private static void Validate(IServiceProvider services, List<string> problems)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException ex)
        {
            problems.AddRange(ex.Failures);
        }
        catch (AggregateException ex)
        {
            foreach (var inner in ex.Flatten().InnerExceptions)
            {
                if (inner is OptionsValidationException validation)
                {
                    problems.AddRange(validation.Failures);
                }
                else
                {
                    problems.Add(inner.Message);
                }
            }
        }
    }
}
