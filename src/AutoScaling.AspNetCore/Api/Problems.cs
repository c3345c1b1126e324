using Microsoft.AspNetCore.Http;

namespace AutoScaling.AspNetCore;

/// <summary>The API's errors as Problem Details (RFC 9457). Details name the field and the value; nothing secret goes in them.</summary>
internal static class Problems
{
    public static Task UnknownGroup(HttpContext context, string name, IReadOnlyList<string> known)
        => Write(context, StatusCodes.Status404NotFound, "Unknown scaling group", $"There is no scaling group named '{name}'. Registered groups: {string.Join(", ", known)}.", ("group", name));

    public static Task MalformedBody(HttpContext context, string what)
        => Write(context, StatusCodes.Status400BadRequest, "Malformed JSON body", $"The body could not be read as {{\"target\": n}}: {what}");

    public static Task OutOfBounds(HttpContext context, string name, int target, int min, int max)
        => Write(context, StatusCodes.Status400BadRequest, "Target out of bounds", $"Group '{name}': target {target} is outside [{min}, {max}] (MinInstances {min}, MaxInstances {max}).", ("group", name), ("target", target), ("minInstances", min), ("maxInstances", max));

    public static Task Conflict(HttpContext context, string name, string detail)
        => Write(context, StatusCodes.Status409Conflict, "Another operation is running", detail, ("group", name));

    public static Task DryRun(HttpContext context, string name)
        => Write(context, StatusCodes.Status409Conflict, "Group in dry run", $"Group '{name}' is in dry run: its decisions are reported, never carried out, so it cannot be scaled. Turn DryRun off in its options to scale it.", ("group", name), ("dryRun", true));

    private static Task Write(HttpContext context, int status, string title, string detail, params (string Key, object? Value)[] extensions)
    {
        var values = new Dictionary<string, object?>(extensions.Length, StringComparer.Ordinal);
        foreach (var (key, value) in extensions)
        {
            values[key] = value;
        }

        return Results.Problem(detail, context.Request.Path, status, title, extensions: values).ExecuteAsync(context);
    }
}
