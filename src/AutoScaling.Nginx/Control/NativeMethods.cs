using System.Runtime.InteropServices;

namespace AutoScaling.Nginx;

internal static partial class NativeMethods
{
    public const int SIGHUP = 1;
    public const int W_OK = 2;

    /// <summary>kill(2): sends <paramref name="signal"/> to exactly the process <paramref name="pid"/>.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int Kill(int pid, int signal);

    /// <summary>access(2): whether this process may write <paramref name="path"/> (0 when it may).</summary>
    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static partial int Access(string path, int mode);
}
