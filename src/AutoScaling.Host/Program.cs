using AutoScaling.Host.Hosting;

return await Autoscaler.RunAsync(args, Console.Out, Console.Error);
