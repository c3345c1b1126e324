using System.Reflection;
using Microsoft.Extensions.Logging;

namespace AutoScaling.Testing;

/// <summary>The event ids of an assembly's <c>[LoggerMessage]</c> methods, to check that no two log events share one.</summary>
public static class LogEventIds
{
    /// <summary>Lists every <c>[LoggerMessage]</c> method of <paramref name="assembly"/> as <c>Type.Method</c> with its event id.</summary>
    /// <param name="assembly">The assembly.</param>
    /// <returns>The methods and their ids.</returns>
    public static IReadOnlyList<(string Method, int Id)> Of(Assembly assembly)
        => [.. from type in assembly.GetTypes()
               from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
               let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
               where attribute is not null
               select ($"{type.FullName}.{method.Name}", attribute.EventId)];

    /// <summary>Asserts that no two log events of <paramref name="assembly"/> share an event id.</summary>
    /// <param name="assembly">The assembly.</param>
    public static void AssertUnique(Assembly assembly)
    {
        var events = Of(assembly);
        Assert.NotEmpty(events);
        var shared = events.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method))}").ToList();
        Assert.True(shared.Count == 0, "Event ids used more than once: " + string.Join("; ", shared));
    }
}
