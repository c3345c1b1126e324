using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling.Tests.Groups;

/// <summary>One wording for every validator, and values escaped so a message stays on one line (issue 9, fault 5).</summary>
public class ValidationMessagesTests
{
    [Theory]
    [InlineData("web\nshutdown", @"'web\nshutdown'")]
    [InlineData("a\r\tb", @"'a\r\tb'")]
    [InlineData("bell\u0007 nel\u0085 ls\u2028", @"'bell\u0007 nel\u0085 ls\u2028'")]
    [InlineData(@"it's C:\x", @"'it\'s C:\\x'")]
    [InlineData("sum(x{proxy=\"web\"})", "'sum(x{proxy=\"web\"})'")]
    [InlineData(null, "null")]
    public void Quote_escapes_control_characters_backslash_and_quote(string? value, string expected)
        => Assert.Equal(expected, ValidationMessages.Quote(value));

    [Fact]
    public void Group_name_value_field_and_context_are_escaped_and_stay_on_one_line()
    {
        var m = new ValidationMessages("web\nshutdown", "thing\n'x'");
        m.Add("Field\nInjected", "value\r\nINFO forged line", "it must be fine");
        m.Add("free text\nsecond line");

        Assert.Equal(
            [
                @"AutoScaling group 'web\nshutdown', thing\n'x': Field\nInjected is 'value\r\nINFO forged line'; it must be fine.",
                @"AutoScaling group 'web\nshutdown', thing\n'x': free text\nsecond line",
            ],
            m.Failures);
    }

    [Fact]
    public void Range_checks_share_one_wording()
    {
        var m = new ValidationMessages("web");
        m.Positive("Interval", TimeSpan.Zero);
        m.Positive("Good", TimeSpan.FromSeconds(1));
        m.NotNegative("Retries", -1);
        m.NotNegative("Zero", 0);
        m.AtLeast("Step", 0, 1);
        m.InRange("Port", 70000, 1, 65535);
        m.InRange("Drain", TimeSpan.FromHours(2), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        m.InRange("Edge", 1, 1, 65535);
        m.NotGreaterThan("MinInstances", 5, "MaxInstances", 3);
        m.NotLessThan("PortRangeEnd", 18000, "PortRangeStart", 18100);

        Assert.Equal(
            [
                "AutoScaling group 'web': Interval is 00:00:00; it must be positive.",
                "AutoScaling group 'web': Retries is -1; it must not be negative.",
                "AutoScaling group 'web': Step is 0; it must be at least 1.",
                "AutoScaling group 'web': Port is 70000; it must be from 1 to 65535.",
                "AutoScaling group 'web': Drain is 02:00:00; it must be from 00:00:01 to 01:00:00.",
                "AutoScaling group 'web': MinInstances is 5; it must not be greater than MaxInstances (3).",
                "AutoScaling group 'web': PortRangeEnd is 18000; it must not be less than PortRangeStart (18100).",
            ],
            m.Failures);
    }

    [Fact]
    public void Group_name_with_a_newline_is_refused_with_the_escaped_form()
    {
        var services = new ServiceCollection();

        var ex = Assert.Throws<ArgumentException>(() => services.AddAutoScaling().AddScalingGroup("web\nshutdown", _ => { }));

        Assert.Contains(@"'web\nshutdown'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Options_validation_of_a_group_escapes_the_group_name()
    {
        var result = new ScalingGroupOptionsValidator().Validate("web\r\nINFO x", new ScalingGroupOptions { MinInstances = -1 });

        var failure = Assert.Single(result.Failures!);
        Assert.Equal(@"AutoScaling group 'web\r\nINFO x': MinInstances is -1; it must not be negative.", failure);
        Assert.DoesNotContain(failure, c => char.IsControl(c));
    }
}
