using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>
/// How many import files the server reads at once. A 200 000-line preview costs a core and tens of megabytes while
/// it is read; on a small server a few at a time is all it can hold, so the next one is told plainly to wait rather
/// than slowing every tablet down (issue 14 point 9, docs/decisions/062). One circuit holds one preview: the import
/// page replaces it on every read.
/// </summary>
public sealed class ImportParseLimiter(int maxConcurrent) : IDisposable
{
    /// <summary>The servers this app runs on have two cores.</summary>
    public const int DefaultMaxConcurrent = 2;

    public static readonly Error Busy = new(
        "import.busy", "Servern är upptagen med att läsa andra filer, försök igen om en stund. Ingenting har sparats.");

    private readonly SemaphoreSlim slots = new(maxConcurrent, maxConcurrent);

    public int MaxConcurrent { get; } = maxConcurrent;

    /// <summary>A slot to read one file, released when disposed; null (without waiting) when the server is full.</summary>
    public IDisposable? TryEnter() => slots.Wait(0) ? new Slot(slots) : null;

    public void Dispose() => slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
