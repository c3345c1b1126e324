using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoScaling.Demo.Stack;

/// <summary>One process a run launched, as <see cref="ProcStat"/> identifies it.</summary>
internal sealed record RecordedProcess(string Name, int Pid, long StartTime);

/// <summary>
/// What a running demo has started, kept in its run directory as <c>stack.json</c> so that a later run can stop it if this
/// one is killed (SIGKILL) before it stops its stack: the demo itself (pid and start time, to tell a killed run from a
/// live one), its owner id (the containers' <c>io.autoscaling.owner</c> label) and each process it launched.
/// </summary>
internal sealed record StackRecord(int DemoPid, long DemoStartTime, string OwnerId, IReadOnlyList<RecordedProcess> Processes)
{
    /// <summary>The record's file name in a run directory.</summary>
    public const string FileName = "stack.json";

    /// <summary>The record of this process, the demo, with the processes launched so far.</summary>
    public static StackRecord ForThisDemo(string ownerId, IReadOnlyList<RecordedProcess> processes)
        => new(Environment.ProcessId, ProcStat.StartTime(Environment.ProcessId) ?? 0, ownerId, processes);

    /// <summary>Reads the record in <paramref name="directory"/>: null when there is none or it cannot be read as one.</summary>
    public static StackRecord? Read(string directory)
    {
        try
        {
            var record = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(directory, FileName)), StackRecordJson.Default.StackRecord);
            return record is { OwnerId: { Length: > 0 }, Processes: not null } ? record : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="directory"/> has a record file (readable or not).</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>Deletes the record in <paramref name="directory"/> (nothing when there is none).</summary>
    public static void Delete(string directory) => File.Delete(Path.Combine(directory, FileName));

    /// <summary>Writes the record into <paramref name="directory"/> atomically: a temporary file renamed over the old record.</summary>
    public void Write(string directory)
    {
        var file = Path.Combine(directory, FileName);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, StackRecordJson.Default.StackRecord));
        File.Move(temporary, file, overwrite: true);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(StackRecord))]
internal sealed partial class StackRecordJson : JsonSerializerContext;
