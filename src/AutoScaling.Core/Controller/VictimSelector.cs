namespace AutoScaling.Controller;

/// <summary>Chooses which instances a scale-in removes.</summary>
internal static class VictimSelector
{
    public static List<ScalingInstance> Select(IReadOnlyList<ScalingInstance> instances, int count, ScaleInOrder order)
    {
        var candidates = new List<ScalingInstance>(instances.Count);
        foreach (var instance in instances)
        {
            if (instance.State is InstanceState.Starting or InstanceState.Active or InstanceState.Failed)
            {
                candidates.Add(instance);
            }
        }

        candidates.Sort((a, b) => order switch
        {
            ScaleInOrder.OldestFirst => Compare(a.CreatedAt, b.CreatedAt, a.Id, b.Id),
            ScaleInOrder.UnhealthyFirst => Rank(a) != Rank(b) ? Rank(a).CompareTo(Rank(b)) : Compare(b.CreatedAt, a.CreatedAt, b.Id, a.Id),
            _ => Compare(b.CreatedAt, a.CreatedAt, b.Id, a.Id),
        });

        if (candidates.Count > count)
        {
            candidates.RemoveRange(count, candidates.Count - count);
        }

        return candidates;
    }

    private static int Rank(ScalingInstance instance) => instance.State switch
    {
        InstanceState.Failed => 0,
        InstanceState.Starting => 1,
        _ => 2,
    };

    private static int Compare(DateTimeOffset x, DateTimeOffset y, string xId, string yId)
    {
        var c = x.CompareTo(y);
        return c != 0 ? c : string.CompareOrdinal(xId, yId);
    }
}
