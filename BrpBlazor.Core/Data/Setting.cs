namespace BrpBlazor.Core.Data;

/// <summary>A named value kept in the database itself (for example the demo date of a sandbox).</summary>
public sealed class Setting
{
    public required string Key { get; set; }

    public required string Value { get; set; }
}
