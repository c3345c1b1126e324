namespace AutoScaling.HAProxy;

/// <summary>HAProxy's runtime API refused a command or could not be reached. The message carries HAProxy's own words.</summary>
internal class HAProxyRuntimeException : InstanceProviderException
{
    /// <summary>Initializes a new instance of the <see cref="HAProxyRuntimeException"/> class.</summary>
    public HAProxyRuntimeException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HAProxyRuntimeException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public HAProxyRuntimeException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HAProxyRuntimeException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public HAProxyRuntimeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HAProxyRuntimeException"/> class for a refused command.</summary>
    /// <param name="command">The command.</param>
    /// <param name="reply">HAProxy's reply.</param>
    public HAProxyRuntimeException(string command, string reply)
        : base($"HAProxy refused '{command}': {(reply.Length == 0 ? "(empty reply)" : reply)}")
    {
        Command = command;
        Reply = reply;
    }

    /// <summary>Gets the command HAProxy refused, when it was reached.</summary>
    public string? Command { get; }

    /// <summary>Gets HAProxy's reply, when it was reached.</summary>
    public string? Reply { get; }
}
