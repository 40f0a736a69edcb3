using System.Globalization;

namespace BrpBlazor.Core.Domain.Common;

/// <summary>
/// An amount in whole öre. SQLite cannot compare or sum decimals, so money is a long.
/// </summary>
public readonly record struct Money(long Ore) : IComparable<Money>
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public static Money Zero => new(0);

    public static Money FromKronor(decimal kronor) => new((long)Math.Round(kronor * 100m, MidpointRounding.AwayFromZero));

    public decimal Kronor => Ore / 100m;

    public bool IsZero => Ore == 0;

    public static Money operator +(Money a, Money b) => new(a.Ore + b.Ore);

    public static Money operator -(Money a, Money b) => new(a.Ore - b.Ore);

    public static Money operator *(Money a, int factor) => new(a.Ore * factor);

    public static bool operator <(Money a, Money b) => a.Ore < b.Ore;

    public static bool operator >(Money a, Money b) => a.Ore > b.Ore;

    public static bool operator <=(Money a, Money b) => a.Ore <= b.Ore;

    public static bool operator >=(Money a, Money b) => a.Ore >= b.Ore;

    public int CompareTo(Money other) => Ore.CompareTo(other.Ore);

    /// <summary>Rounds to whole kronor, halves away from zero (öresavrundning).</summary>
    public Money RoundToKronor() => new((long)Math.Round(Ore / 100m, MidpointRounding.AwayFromZero) * 100);

    /// <summary>Swedish format: <c>1 234 kr</c>, or <c>1 234,50 kr</c> when there are öre.</summary>
    public override string ToString() =>
        Ore % 100 == 0
            ? Kronor.ToString("#,0", Swedish) + " kr"
            : Kronor.ToString("#,0.00", Swedish) + " kr";
}
