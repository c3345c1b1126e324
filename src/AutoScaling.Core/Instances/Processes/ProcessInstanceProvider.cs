using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace AutoScaling.Processes;

/// <summary>
/// Instances that are local processes, one per port. The state file lists what this provider started; a process counts as
/// ours only while <c>/proc/pid</c> shows the start time and command line recorded at its start, so a pid reused by
/// another program is never signalled. <see cref="ListAsync"/> is the truth: a process that exited is listed
/// <see cref="InstanceState.Failed"/> until it is decommissioned. Processes outlive the host on purpose (a restarted host
/// adopts them); they are stopped only by <see cref="DecommissionAsync"/>.
/// </summary>
internal sealed partial class ProcessInstanceProvider : IInstanceProvider, IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> s_fileLocks = new(StringComparer.Ordinal);
    private static readonly TimeSpan s_exitPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_killWait = TimeSpan.FromSeconds(5);

    private readonly string _group;
    private readonly string _command;
    private readonly string[] _arguments;
    private readonly KeyValuePair<string, string>[] _environment;
    private readonly string? _workingDirectory;
    private readonly IPAddress _address;
    private readonly int _first;
    private readonly int _last;
    private readonly TimeSpan _stopGrace;
    private readonly ProcessProbe _probe;
    private readonly ProcessStateFile _state;
    private readonly SemaphoreSlim _lock;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, byte> _ready = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, Process> _children = new();
    private int _next;

    public ProcessInstanceProvider(string group, ProcessInstanceOptions options, TimeProvider time, ILogger logger)
    {
        _group = group;
        _command = options.Command;
        _arguments = [.. options.Arguments];
        _environment = [.. options.Environment];
        _workingDirectory = options.WorkingDirectory;
        _address = IPAddress.Parse(options.BindAddress);
        _first = options.PortRangeStart;
        _last = options.PortRangeEnd;
        _next = _first;
        _stopGrace = options.StopGracePeriod;
        _probe = new ProcessProbe(options.Probe, _address, options.ProbePath, options.ProbeTimeout);
        _state = new ProcessStateFile(Path.GetFullPath(options.StateFile ?? DefaultStateFile(group)));
        _lock = s_fileLocks.GetOrAdd(_state.Path, static _ => new SemaphoreSlim(1, 1));
        _time = time;
        _logger = logger;
    }

    private static string DefaultStateFile(string group) => Path.Combine(Path.GetTempPath(), "autoscaling", group + ".processes.json");

    public async ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken)
    {
        var records = await ReadAsync(cancellationToken).ConfigureAwait(false);
        var result = new ScalingInstance[records.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = await DescribeAsync(records[i], cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public async ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var records = _state.Read();
            var count = _last - _first + 1;
            for (var i = 0; i < count; i++)
            {
                var port = _first + ((_next - _first + i) % count);
                if (records.Exists(r => r.Port == port))
                {
                    continue;
                }

                if (!IsFree(port))
                {
                    LogPortTaken(_logger, _group, port);
                    continue;
                }

                _next = port == _last ? _first : port + 1;
                var record = await StartAsync(port, cancellationToken).ConfigureAwait(false);
                records.Add(record);
                try
                {
                    _state.Write(records);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    LinuxProcesses.Signal(record.Pid, LinuxProcesses.SigKill);
                    throw new InstanceProviderException($"Could not record process {record.Pid} in '{_state.Path}' ({e.Message}); it was killed.", e);
                }

                LogStarted(_logger, _group, record.Pid, port, record.Id);
                return ToInstance(record, InstanceState.Starting, "the process has not answered its probe yet");
            }

            throw new InstanceProviderException(FormattableString.Invariant($"No free port in {_first}-{_last}: each is used by an instance of the group or by another process."));
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var record = (await ReadAsync(cancellationToken).ConfigureAwait(false)).Find(r => r.Id == instance.Id)
            ?? throw new InstanceProviderException($"Instance '{instance.Id}' is not a process of group '{_group}' (not in '{_state.Path}').");

        if (IsOurs(record, out var identity))
        {
            await StopAsync(record, cancellationToken).ConfigureAwait(false);
        }
        else if (identity is not null)
        {
            LogNotOurs(_logger, _group, record.Pid, record.Id);
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var records = _state.Read();
            records.RemoveAll(r => r.Id == record.Id);
            _state.Write(records);
        }
        finally
        {
            _lock.Release();
        }

        _ready.TryRemove(record.Id, out _);
        if (_children.TryRemove(record.Pid, out var child))
        {
            child.Dispose();
        }
    }

    public void Dispose()
    {
        // The processes keep running: a restarted host adopts them.
        foreach (var child in _children.Values)
        {
            child.Dispose();
        }

        _probe.Dispose();
    }

    private async Task<List<ProcessRecord>> ReadAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _state.Read();
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<ScalingInstance> DescribeAsync(ProcessRecord record, CancellationToken cancellationToken)
    {
        if (!IsOurs(record, out var identity))
        {
            _ready.TryRemove(record.Id, out _);
            return ToInstance(record, InstanceState.Failed, identity is null
                ? ExitReason(record)
                : FormattableString.Invariant($"process {record.Pid} exited; its pid now belongs to another process, which is left alone"));
        }

        if (_ready.ContainsKey(record.Id))
        {
            return ToInstance(record, InstanceState.Active, null);
        }

        var problem = await _probe.CheckAsync(record.Port, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return ToInstance(record, InstanceState.Starting, problem);
        }

        _ready.TryAdd(record.Id, 0);
        return ToInstance(record, InstanceState.Active, null);
    }

    private static bool IsOurs(ProcessRecord record, out ProcessIdentity? identity)
    {
        identity = LinuxProcesses.Read(record.Pid);
        return identity is { } id && id.StartTime == record.StartTime && string.Equals(id.CommandLine, record.CommandLine, StringComparison.Ordinal);
    }

    private string ExitReason(ProcessRecord record)
        => _children.TryGetValue(record.Pid, out var child) && child.HasExited
            ? FormattableString.Invariant($"process {record.Pid} exited with code {child.ExitCode}")
            : FormattableString.Invariant($"process {record.Pid} exited");

    private async Task<ProcessRecord> StartAsync(int port, CancellationToken cancellationToken)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo(_command) { UseShellExecute = false };
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument.Replace("{port}", portText, StringComparison.Ordinal));
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value.Replace("{port}", portText, StringComparison.Ordinal);
        }

        if (_workingDirectory is not null)
        {
            start.WorkingDirectory = _workingDirectory;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InstanceProviderException($"'{_command}' did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InstanceProviderException($"'{_command}' could not be started: {e.Message}", e);
        }

        var createdAt = _time.GetUtcNow();
        if (await ReadExecutedAsync(process.Id, string.Join('\0', start.ArgumentList), cancellationToken).ConfigureAwait(false) is not { } identity)
        {
            var code = process.WaitForExit(1000) ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";
            process.Dispose();
            throw new InstanceProviderException($"'{_command}' exited at once (code {code}) on port {portText}.");
        }

        _children[process.Id] = process;
        var id = string.Create(CultureInfo.InvariantCulture, $"{process.Id}-{identity.StartTime}");
        return new ProcessRecord(id, process.Id, port, identity.StartTime, identity.CommandLine, createdAt);
    }

    /// <summary>
    /// Reads the child's identity once its command line is ours. Process.Start returns when exec has begun, but for a
    /// moment after it /proc/pid/cmdline is still empty (the kernel fills it in later in the exec): an identity recorded
    /// then would never match again, and the instance would be listed failed at once.
    /// </summary>
    private static async Task<ProcessIdentity?> ReadExecutedAsync(int pid, string arguments, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var identity = LinuxProcesses.Read(pid);
            if (identity is not { } id || (id.CommandLine.Length > 0 && id.CommandLine.EndsWith(arguments, StringComparison.Ordinal)) || attempt == 1000)
            {
                return identity;
            }

            // The kernel's time, not the group's: a manual clock in tests must not hold up an exec.
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StopAsync(ProcessRecord record, CancellationToken cancellationToken)
    {
        LogStopping(_logger, _group, record.Pid, record.Id);
        LinuxProcesses.Signal(record.Pid, LinuxProcesses.SigTerm);
        if (await ExitedAsync(record, _stopGrace, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        LogKilling(_logger, _group, record.Pid, record.Id, _stopGrace);
        LinuxProcesses.Signal(record.Pid, LinuxProcesses.SigKill);
        if (!await ExitedAsync(record, s_killWait, cancellationToken).ConfigureAwait(false))
        {
            throw new InstanceProviderException(FormattableString.Invariant($"Process {record.Pid} (instance {record.Id}) is still running {s_killWait} after SIGKILL."));
        }
    }

    private async Task<bool> ExitedAsync(ProcessRecord record, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (IsOurs(record, out _))
        {
            if (_time.GetElapsedTime(started) >= limit)
            {
                return false;
            }

            await Task.Delay(s_exitPoll, _time, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private bool IsFree(int port)
    {
        using var socket = new Socket(_address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(_address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private ScalingInstance ToInstance(ProcessRecord record, InstanceState state, string? reason)
        => new(record.Id, new IPEndPoint(_address, record.Port).ToString(), state, record.CreatedAt)
        {
            FailureReason = reason,
            Metadata = new Dictionary<string, string>(2, StringComparer.Ordinal)
            {
                ["pid"] = record.Pid.ToString(CultureInfo.InvariantCulture),
                ["port"] = record.Port.ToString(CultureInfo.InvariantCulture),
            },
        };
}
