namespace BrpBlazor.Benchmarks.Circuits;

public static class CircuitServer
{
    public const string Command = "circuit-server";

    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
