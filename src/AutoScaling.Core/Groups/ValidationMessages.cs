using System.Globalization;

namespace AutoScaling;

/// <summary>Builds validation messages that name the group, the field and the value.</summary>
public sealed class ValidationMessages
{
    private readonly string _prefix;
    private readonly List<string> _failures = [];

    /// <summary>Initializes a new instance of the <see cref="ValidationMessages"/> class.</summary>
    /// <param name="group">The group's name.</param>
    /// <param name="what">What is validated (for example <c>TargetTracking policy</c>), or <see langword="null"/> for the group's settings.</param>
    public ValidationMessages(string group, string? what = null)
        => _prefix = what is null ? $"AutoScaling group '{group}': " : $"AutoScaling group '{group}', {what}: ";

    /// <summary>Gets the failures recorded so far.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Records a failure for a field.</summary>
    /// <param name="field">The field's name, as in configuration (<c>ScaleUp:Cooldown</c>).</param>
    /// <param name="value">The offending value.</param>
    /// <param name="rule">What the value must be.</param>
    public void Add(string field, object? value, string rule)
        => _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{_prefix}{field} is {Format(value)}; {rule}."));

    /// <summary>Records a failure that is not about one field.</summary>
    /// <param name="message">The message.</param>
    public void Add(string message) => _failures.Add(_prefix + message);

    /// <summary>Gets the result of the validation.</summary>
    /// <returns>Success when nothing failed.</returns>
    public Microsoft.Extensions.Options.ValidateOptionsResult ToResult()
        => _failures.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(_failures);

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
