// The tests drive real Linux processes (nginx, busybox) and read /proc.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
