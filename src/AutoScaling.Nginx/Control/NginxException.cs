namespace AutoScaling.Nginx;

/// <summary>NGINX refused a configuration, or its master could not be reached or did not reload in time. The message carries NGINX's own words.</summary>
internal sealed class NginxException(string message) : Exception(message);
