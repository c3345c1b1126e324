using Microsoft.Extensions.Options;

namespace AutoScaling.Policies;

internal sealed class FixedPolicyOptionsValidator : IValidateOptions<FixedPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, FixedPolicyOptions options)
    {
        var m = new ValidationMessages(PolicyOptionsKey.GroupOf(name), FixedPolicy.Kind + " policy");
        if (options.Instances < 0)
        {
            m.Add(nameof(options.Instances), options.Instances, "it must not be negative");
        }

        return m.ToResult();
    }
}
