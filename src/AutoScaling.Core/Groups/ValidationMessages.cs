using System.Globalization;

namespace AutoScaling;

/// <summary>
/// Builds validation messages that name the group, the field and the value, in one wording for every package:
/// <c>AutoScaling group 'web': MinInstances is 5; it must not be greater than MaxInstances (3).</c>
/// </summary>
/// <remarks>
/// Every message stays on one line: string values are quoted with their control characters, <c>\</c> and <c>'</c>
/// escaped (<c>'web\nshutdown'</c>), and control characters anywhere else are escaped too.
/// </remarks>
public sealed class ValidationMessages
{
    private readonly string _prefix;
    private readonly List<string> _failures = [];

    /// <summary>Initializes a new instance of the <see cref="ValidationMessages"/> class.</summary>
    /// <param name="group">The group's name.</param>
    /// <param name="what">What is validated (for example <c>TargetTracking policy</c>), or <see langword="null"/> for the group's settings.</param>
    public ValidationMessages(string group, string? what = null)
        => _prefix = what is null
            ? $"AutoScaling group {MessageText.Quote(group)}: "
            : $"AutoScaling group {MessageText.Quote(group)}, {MessageText.OneLine(what)}: ";

    /// <summary>Gets the failures recorded so far.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Quotes a value for a message: <c>'web\nshutdown'</c>, with control characters, <c>\</c> and <c>'</c> escaped.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The quoted value, or <c>null</c>.</returns>
    public static string Quote(string? value) => MessageText.Quote(value);

    /// <summary>Records a failure for a field.</summary>
    /// <param name="field">The field's name, as in configuration (<c>ScaleUp:Cooldown</c>).</param>
    /// <param name="value">The offending value.</param>
    /// <param name="rule">What the value must be.</param>
    public void Add(string field, object? value, string rule)
        => _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{_prefix}{MessageText.OneLine(field)} is {Format(value)}; {MessageText.OneLine(rule)}."));

    /// <summary>Records a failure that is not about one field.</summary>
    /// <param name="message">The message.</param>
    public void Add(string message) => _failures.Add(_prefix + MessageText.OneLine(message));

    /// <summary>Records a failure unless <paramref name="value"/> is above zero: <c>… is 00:00:00; it must be positive.</c></summary>
    /// <typeparam name="T">A number or a <see cref="TimeSpan"/>.</typeparam>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    public void Positive<T>(string field, T value)
        where T : struct, IComparable<T>
    {
        if (value.CompareTo(default) <= 0)
        {
            Add(field, value, "it must be positive");
        }
    }

    /// <summary>Records a failure when <paramref name="value"/> is below zero: <c>… is -1; it must not be negative.</c></summary>
    /// <typeparam name="T">A number or a <see cref="TimeSpan"/>.</typeparam>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    public void NotNegative<T>(string field, T value)
        where T : struct, IComparable<T>
    {
        if (value.CompareTo(default) < 0)
        {
            Add(field, value, "it must not be negative");
        }
    }

    /// <summary>Records a failure when <paramref name="value"/> is below <paramref name="min"/>: <c>… is 0; it must be at least 1.</c></summary>
    /// <typeparam name="T">A number or a <see cref="TimeSpan"/>.</typeparam>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <param name="min">The smallest allowed value.</param>
    public void AtLeast<T>(string field, T value, T min)
        where T : struct, IComparable<T>
    {
        if (value.CompareTo(min) < 0)
        {
            Add(field, value, $"it must be at least {Format(min)}");
        }
    }

    /// <summary>Records a failure when <paramref name="value"/> is outside <paramref name="min"/> to <paramref name="max"/> (inclusive): <c>… it must be from 1 to 65535.</c></summary>
    /// <typeparam name="T">A number or a <see cref="TimeSpan"/>.</typeparam>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <param name="min">The smallest allowed value.</param>
    /// <param name="max">The largest allowed value.</param>
    public void InRange<T>(string field, T value, T min, T max)
        where T : struct, IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            Add(field, value, $"it must be from {Format(min)} to {Format(max)}");
        }
    }

    /// <summary>Records a failure when <paramref name="value"/> is above another field's value: <c>… it must not be greater than MaxInstances (3).</c></summary>
    /// <typeparam name="T">A number or a <see cref="TimeSpan"/>.</typeparam>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <param name="otherField">The other field's name.</param>
    /// <param name="other">The other field's value, the largest allowed.</param>
    public void NotGreaterThan<T>(string field, T value, string otherField, T other)
        where T : struct, IComparable<T>
    {
        if (value.CompareTo(other) > 0)
        {
            Add(field, value, $"it must not be greater than {otherField} ({Format(other)})");
        }
    }

    /// <summary>Records a failure when <paramref name="value"/> is below another field's value: <c>… it must not be less than PortRangeStart (18100).</c></summary>
    /// <typeparam name="T">A number or a <see cref="TimeSpan"/>.</typeparam>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <param name="otherField">The other field's name.</param>
    /// <param name="other">The other field's value, the smallest allowed.</param>
    public void NotLessThan<T>(string field, T value, string otherField, T other)
        where T : struct, IComparable<T>
    {
        if (value.CompareTo(other) < 0)
        {
            Add(field, value, $"it must not be less than {otherField} ({Format(other)})");
        }
    }

    /// <summary>Gets the result of the validation.</summary>
    /// <returns>Success when nothing failed.</returns>
    public Microsoft.Extensions.Options.ValidateOptionsResult ToResult()
        => _failures.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(_failures);

    private static string Format(object? value) => value switch
    {
        null => "null",
        string s => MessageText.Quote(s),
        IFormattable f => MessageText.OneLine(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => MessageText.OneLine(value.ToString() ?? string.Empty),
    };
}
