namespace AutoScaling.Host.Hosting;

/// <summary>The autoscaler's own arguments; anything else goes to configuration (<c>--AutoScaling:Groups:web:MinInstances=2</c>).</summary>
internal sealed record CommandLine(string? ConfigFile, bool Check, bool PrintConfig, bool Help, string[] ConfigurationArgs, string? Error)
{
    public const string Usage = """
        usage: autoscaler [--config <file.json>] [--check | --print-config] [--Section:Key=value ...]

          --config <file>   a JSON file read after appsettings.json and before environment variables
          --check           validates the configuration, prints every problem, and exits (0 valid, 2 invalid)
          --print-config    prints the effective AutoScaling and Host keys, secrets masked, and exits
          --help            prints this text

        Configuration: appsettings.json (working directory), --config, environment variables
        (AutoScaling__Groups__web__MinInstances=2), then --Key=value arguments. See docs/host.md.
        Exit codes: 0 stopped normally or valid, 1 failed while running, 2 invalid configuration or arguments.
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string? config = null;
        bool check = false, print = false, help = false;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            switch (a)
            {
                case "--check":
                    check = true;
                    break;
                case "--print-config":
                    print = true;
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                case "--config":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        return Fail("--config needs a file: --config <file.json>");
                    }

                    config = args[++i];
                    break;
                default:
                    if (a.StartsWith("--config=", StringComparison.Ordinal))
                    {
                        config = a["--config=".Length..];
                    }
                    else if (a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))
                    {
                        rest.Add(a);
                    }
                    else
                    {
                        return Fail($"unknown argument '{a}'; configuration arguments have the form --Section:Key=value");
                    }

                    break;
            }
        }

        return check && print
            ? Fail("--check and --print-config cannot be combined")
            : new CommandLine(config, check, print, help, [.. rest], null);
    }

    private static CommandLine Fail(string error) => new(null, false, false, false, [], error);
}
