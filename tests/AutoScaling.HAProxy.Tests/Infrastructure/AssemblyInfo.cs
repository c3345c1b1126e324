// The tests drive real Linux processes (haproxy, busybox) over Unix sockets.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
