using AutoScaling.Simulation.Tool;

return Cli.Run(args, Console.Out, Console.Error);
