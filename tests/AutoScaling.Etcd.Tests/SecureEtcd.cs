using System.Diagnostics;
using System.Globalization;
using AutoScaling.Testing;

namespace AutoScaling.Etcd.Tests;

/// <summary>
/// A real single-member etcd on a 127.0.0.1 port of 19840-19849: over https with a certificate of a test CA (and, with
/// client-certificate authentication, requiring a client certificate of that CA), or over http with etcd users.
/// Certificates are made with openssl in a temporary folder; the member is stopped by pid and the folder removed at the end.
/// </summary>
internal sealed class SecureEtcd : IDisposable
{
    public const string RootPassword = "root-Pa55-7f3c";
    private static readonly PortRange s_ports = new(19840, 19849);
    private readonly string _folder = Directory.CreateTempSubdirectory("autoscaling-etcd-tls-").FullName;
    private readonly int _clientPort = s_ports.Next();
    private readonly int _peerPort = s_ports.Next();
    private readonly bool _tls;
    private ChildProcess? _member;

    private SecureEtcd(bool tls) => _tls = tls;

    public string Endpoint => $"{(_tls ? "https" : "http")}://127.0.0.1:{_clientPort}";

    /// <summary>Gets the CA that signed the server's and the client's certificates.</summary>
    public string CaFile => File(_folder, "ca.crt");

    /// <summary>Gets a CA that signed nothing this etcd knows.</summary>
    public string OtherCaFile => File(_folder, "other-ca.crt");

    public string ClientCertificateFile => File(_folder, "client.crt");

    public string ClientKeyFile => File(_folder, "client.key");

    public string Output => _member?.Output ?? string.Empty;

    /// <summary>Starts etcd over https; with <paramref name="clientCertificates"/>, it accepts only clients with a certificate of the CA.</summary>
    public static Task<SecureEtcd> StartTlsAsync(bool clientCertificates)
        => StartAsync(new SecureEtcd(tls: true), clientCertificates);

    /// <summary>Starts etcd over http, then turns authentication on: user root, and <paramref name="username"/> with readwrite on <paramref name="prefix"/>.</summary>
    public static async Task<SecureEtcd> StartWithUsersAsync(string username, string password, string prefix)
    {
        var etcd = await StartAsync(new SecureEtcd(tls: false), clientCertificates: false);
        try
        {
            await etcd.CtlAsync("user", "add", "root", "--new-user-password", RootPassword);
            await etcd.CtlAsync("role", "add", "autoscaler");
            await etcd.CtlAsync("role", "grant-permission", "autoscaler", "--prefix=true", "readwrite", prefix);
            await etcd.CtlAsync("user", "add", username, "--new-user-password", password);
            await etcd.CtlAsync("user", "grant-role", username, "autoscaler");
            await etcd.CtlAsync("auth", "enable");
            return etcd;
        }
        catch
        {
            etcd.Dispose();
            throw;
        }
    }

    /// <summary>Runs etcdctl against this member (as root once authentication is on) and returns its output; fails on a non-zero exit (bounded: 10 s).</summary>
    public async Task<string> CtlAsync(params string[] args)
    {
        string[] connection = _tls
            ? ["--endpoints", Endpoint, "--cacert", CaFile, "--cert", ClientCertificateFile, "--key", ClientKeyFile]
            : ["--endpoints", Endpoint, "--user", "root:" + RootPassword];
        var (code, output) = await RunAsync("etcdctl", [.. connection, "--dial-timeout", "2s", .. args]);
        Assert.True(code == 0, $"etcdctl {string.Join(' ', args)} exited with {code}:\n{output}\n{Output}");
        return output;
    }

    public void Dispose()
    {
        _member?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // etcd still writing as it dies; the folder is under the temp folder
        }
    }

    private static async Task<SecureEtcd> StartAsync(SecureEtcd etcd, bool clientCertificates)
    {
        Component.Require(EtcdCluster.Executable is not null, "etcd is not installed (run scripts/setup/etcd.sh)");
        Component.Require(Tools.Find("etcdctl") is not null && Tools.Find("openssl") is not null, "etcdctl and openssl are needed (run scripts/setup/etcd.sh)");
        try
        {
            await etcd.MakeCertificatesAsync();
            List<string> args =
            [
                "--name", "secure", "--data-dir", Path.Combine(etcd._folder, "data"),
                "--listen-client-urls", etcd.Endpoint, "--advertise-client-urls", etcd.Endpoint,
                "--listen-peer-urls", $"http://127.0.0.1:{etcd._peerPort}", "--initial-advertise-peer-urls", $"http://127.0.0.1:{etcd._peerPort}",
                "--initial-cluster", $"secure=http://127.0.0.1:{etcd._peerPort}", "--log-level", "warn",
            ];
            if (etcd._tls)
            {
                args.AddRange(["--cert-file", File(etcd._folder, "server.crt"), "--key-file", File(etcd._folder, "server.key")]);
            }

            if (clientCertificates)
            {
                args.AddRange(["--client-cert-auth", "--trusted-ca-file", etcd.CaFile]);
            }

            etcd._member = ChildProcess.Start(EtcdCluster.Executable!, [.. args]);
            var healthy = await Tools.WaitUntilAsync(
                async () => (await etcd.RunHealthAsync()).Contains("is healthy", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            Assert.True(healthy, $"etcd at {etcd.Endpoint} is not healthy after 30 s:\n{etcd.Output}");
            return etcd;
        }
        catch
        {
            etcd.Dispose();
            throw;
        }
    }

    private async Task<string> RunHealthAsync()
    {
        string[] tls = _tls ? ["--cacert", CaFile, "--cert", ClientCertificateFile, "--key", ClientKeyFile] : [];
        return (await RunAsync("etcdctl", ["--endpoints", Endpoint, .. tls, "--dial-timeout", "1s", "--command-timeout", "1s", "endpoint", "health"])).Output;
    }

    /// <summary>A CA, a server certificate for IP 127.0.0.1 and a client certificate (CN autoscaler) signed by it, and a second, unrelated CA.</summary>
    private async Task MakeCertificatesAsync()
    {
        await OpensslAsync("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-subj", "/CN=autoscaling test CA", "-keyout", File(_folder, "ca.key"), "-out", CaFile);
        await OpensslAsync("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-subj", "/CN=another CA", "-keyout", File(_folder, "other-ca.key"), "-out", OtherCaFile);
        await SignAsync("server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n");
        await SignAsync("client", "/CN=autoscaler", "extendedKeyUsage=clientAuth\n");
    }

    private async Task SignAsync(string name, string subject, string extensions)
    {
        var ext = File(_folder, name + ".ext");
        await System.IO.File.WriteAllTextAsync(ext, extensions);
        await OpensslAsync("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", subject,
            "-keyout", File(_folder, name + ".key"), "-out", File(_folder, name + ".csr"));
        await OpensslAsync("x509", "-req", "-days", "1", "-in", File(_folder, name + ".csr"), "-CA", CaFile, "-CAkey", File(_folder, "ca.key"),
            "-CAcreateserial", "-extfile", ext, "-out", File(_folder, name + ".crt"));
    }

    private static async Task OpensslAsync(params string[] args)
    {
        var (code, output) = await RunAsync("openssl", args);
        Assert.True(code == 0, $"openssl {string.Join(' ', args)} exited with {code}:\n{output}");
    }

    /// <summary>Runs a short command to its end (bounded: 10 s, then killed by pid).</summary>
    private static async Task<(int Code, string Output)> RunAsync(string command, string[] args)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["ETCDCTL_API"] = "3";
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            return (-1, $"{command} did not finish within 10 s");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string File(string folder, string name) => Path.Combine(folder, name);
}
