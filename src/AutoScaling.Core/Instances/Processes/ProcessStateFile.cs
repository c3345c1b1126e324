using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoScaling.Processes;

/// <summary>
/// The group's processes on disk, so a restarted host adopts them. Every change rewrites the whole file atomically
/// (a temporary file beside it, then a rename), so a crash leaves the old or the new content, never half of one.
/// </summary>
internal sealed class ProcessStateFile(string path)
{
    public string Path { get; } = path;

    public List<ProcessRecord> Read()
    {
        try
        {
            using var stream = File.OpenRead(Path);
            return JsonSerializer.Deserialize(stream, ProcessStateJson.Default.ListProcessRecord) ?? [];
        }
        catch (FileNotFoundException)
        {
            return [];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
        catch (JsonException e)
        {
            throw new InstanceProviderException($"The process state file '{Path}' is not valid JSON ({e.Message}); fix or remove it (the processes it lists are not stopped).", e);
        }
    }

    public void Write(List<ProcessRecord> records)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(Path) + "." + Environment.ProcessId + ".tmp");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, records, ProcessStateJson.Default.ListProcessRecord);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}

/// <summary>One process the provider started.</summary>
/// <param name="Id">The instance id: <c>{pid}-{start time}</c>.</param>
/// <param name="Pid">The process id.</param>
/// <param name="Port">The port it was given.</param>
/// <param name="StartTime">Field 22 of <c>/proc/pid/stat</c> when it started.</param>
/// <param name="CommandLine">Its <c>/proc/pid/cmdline</c> when it started, NUL-separated.</param>
/// <param name="CreatedAt">When it was started.</param>
internal sealed record ProcessRecord(string Id, int Pid, int Port, ulong StartTime, string CommandLine, DateTimeOffset CreatedAt);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<ProcessRecord>))]
internal sealed partial class ProcessStateJson : JsonSerializerContext;
