namespace AutoScaling;

/// <summary>An <see cref="IInstanceProvider"/> operation failed. The message carries the backend's own words, never secrets.</summary>
public class InstanceProviderException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="InstanceProviderException"/> class.</summary>
    public InstanceProviderException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InstanceProviderException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public InstanceProviderException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InstanceProviderException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public InstanceProviderException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
