namespace AutoScaling;

/// <summary>An <see cref="IInstanceRouter"/> operation failed. The message carries the load balancer's own words, never secrets.</summary>
public class InstanceRouterException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="InstanceRouterException"/> class.</summary>
    public InstanceRouterException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InstanceRouterException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public InstanceRouterException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InstanceRouterException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public InstanceRouterException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
