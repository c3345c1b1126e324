using System.Text;
using Microsoft.Extensions.Configuration;

namespace AutoScaling.Testing;

/// <summary>Configuration from a JSON text, as an <c>appsettings.json</c> would give it: tests bind what a user writes, not flattened keys.</summary>
public static class JsonConfiguration
{
    /// <summary>Builds a configuration from <paramref name="json"/> through the JSON provider.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The configuration root.</returns>
    public static IConfigurationRoot Parse(string json)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
}
