using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AutoScaling.Simulation;

/// <summary>Writes a tuned group as the <c>appsettings.json</c> section the host binds (<c>AutoScaling:Groups:&lt;name&gt;</c>).</summary>
internal static class AppSettingsWriter
{
    private static readonly ScalingGroupOptions Defaults = new();

    public static void Write(Stream stream, string groupName, ScalingGroupOptions group, TunedPolicy policy, SimulationOptions simulation)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartObject("AutoScaling");
        json.WriteStartObject("Groups");
        json.WriteStartObject(groupName);
        json.WriteNumber("MinInstances", group.MinInstances);
        json.WriteNumber("MaxInstances", group.MaxInstances);
        json.WriteString("Interval", Span(group.Interval));
        if (group.InstanceStartTimeout != Defaults.InstanceStartTimeout)
        {
            json.WriteString("InstanceStartTimeout", Span(group.InstanceStartTimeout));
        }

        Rules(json, "ScaleUp", group.ScaleUp);
        Rules(json, "ScaleDown", group.ScaleDown);
        json.WriteStartArray("Policies");
        policy.WriteEntries(json, simulation);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Rules(Utf8JsonWriter json, string name, ScalingRules rules)
    {
        json.WriteStartObject(name);
        json.WriteString("StabilizationWindow", Span(rules.StabilizationWindow));
        json.WriteString("Cooldown", Span(rules.Cooldown));
        json.WriteString("SelectPolicy", rules.SelectPolicy.ToString());
        if (rules.Policies.Count > 0)
        {
            json.WriteStartArray("Policies");
            foreach (var p in rules.Policies)
            {
                json.WriteStartObject();
                json.WriteString("Kind", p.Kind.ToString());
                json.WriteNumber("Value", p.Value);
                json.WriteString("Period", Span(p.Period));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static string Span(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
