namespace BrpBlazor.App.Infrastructure;

/// <summary>Turns the short <c>--demo</c> flag into the setting <c>Demo:Enabled=true</c>.</summary>
public static class DemoArguments
{
    public static string[] Expand(string[] args) =>
        args.Select(a => a is "--demo" or "-demo" ? "--Demo:Enabled=true" : a).ToArray();
}
