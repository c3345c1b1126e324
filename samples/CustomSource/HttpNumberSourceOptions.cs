namespace CustomSourceSample;

/// <summary>Options of the <see cref="HttpNumberSource"/>: where the application publishes the number, and how long a read may take.</summary>
public sealed class HttpNumberSourceOptions
{
    /// <summary>Gets or sets the endpoint, for example <c>http://127.0.0.1:5000/queue/length</c>. Required; no credentials in it.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>Gets or sets how long one read may take; past it the sample is Failed. Default 2 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}
