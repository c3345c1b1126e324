namespace AutoScaling;

/// <summary>Which instances a scale-in removes first.</summary>
public enum ScaleInOrder : byte
{
    /// <summary>The newest first (LIFO, the default): long-lived, warm instances stay.</summary>
    NewestFirst = 0,

    /// <summary>The oldest first: instances are recycled over time.</summary>
    OldestFirst = 1,

    /// <summary>Failed, then starting instances first, then the newest.</summary>
    UnhealthyFirst = 2,
}
