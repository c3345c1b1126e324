namespace AutoScaling.Testing;

/// <summary>Waits for a condition that a host's background threads make true. Moves no clock; bounded (30 s).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 10 ms until it holds, then asserts it.</summary>
    /// <param name="condition">The condition.</param>
    /// <returns>A task that completes when the condition holds, or fails after 30 s.</returns>
    public static async Task Until(Func<bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        if (!condition())
        {
            throw new TimeoutException("The condition did not hold within 30 s.");
        }
    }
}
