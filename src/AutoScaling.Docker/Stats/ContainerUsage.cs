using Docker.DotNet.Models;

namespace AutoScaling.Docker;

/// <summary>One container's CPU and memory in one reading: each a percentage, or why there is none.</summary>
internal readonly record struct ContainerUsage(int Port, double Cpu, string? CpuMissing, double Memory, string? MemoryMissing);

/// <summary>The CPU counters of one reading, kept until the next, since a one-shot reading has no <c>precpu_stats</c>.</summary>
internal readonly record struct CpuCounters(ulong Container, ulong System, uint OnlineCpus);

/// <summary>The formulas of <c>docker stats</c> (docker/cli <c>calculateCPUPercentUnix</c>, <c>calculateMemUsageUnixNoCache</c>).</summary>
internal static class ContainerUsageFormulas
{
    /// <summary>
    /// CPU % = Δ container CPU time / Δ host CPU time (all cores) × online cores × 100: 100 is one core busy. The host's
    /// time comes from the same readings, so the result does not depend on when the reads were made.
    /// </summary>
    public static string? Cpu(CpuCounters? previous, CpuCounters current, out double percent)
    {
        percent = double.NaN;
        if (previous is not { } before)
        {
            return "CPU use needs two readings of the container; this is its first.";
        }

        if (current.Container < before.Container || current.System <= before.System)
        {
            return "The CPU counters did not advance (the container restarted, or no time passed).";
        }

        var cores = current.OnlineCpus == 0 ? 1u : current.OnlineCpus;
        percent = (double)(current.Container - before.Container) / (current.System - before.System) * cores * 100.0;
        return null;
    }

    /// <summary>Reads the CPU counters; <see langword="null"/> when the reading has none (a stopped container).</summary>
    public static CpuCounters? Counters(ContainerStatsResponse stats)
        => stats.CPUStats is { CPUUsage.TotalUsage: { } total, SystemUsage: > 0 and var system } cpu
            ? new CpuCounters(total, system, cpu.OnlineCPUs is > 0 and var online ? online : (uint)(cpu.CPUUsage.PercpuUsage?.Count ?? 0))
            : null;

    /// <summary>Memory % = (usage − inactive file cache) / limit × 100; the cache is <c>total_inactive_file</c> (cgroup v1) or <c>inactive_file</c> (v2).</summary>
    public static string? Memory(MemoryStats? memory, out double percent)
    {
        percent = double.NaN;
        if (memory is not { Limit: > 0 and var limit, Usage: { } usage })
        {
            return "The reading has no memory statistics (the container is not running).";
        }

        ulong cache = 0;
        if (memory.Stats is { } stats && (stats.TryGetValue("total_inactive_file", out cache) || stats.TryGetValue("inactive_file", out cache)) && cache > usage)
        {
            cache = 0;
        }

        percent = (double)(usage - cache) / limit * 100.0;
        return null;
    }
}
