using BrpBlazor.Core.Domain.Staff;

namespace BrpBlazor.Tests.TestSupport;

public static class Actors
{
    public static StaffActor With(params Right[] rights) => new($"staff-{string.Join('-', rights)}", $"Test {string.Join('+', rights)}", rights.ToHashSet());

    public static StaffActor Reception { get; } = With(Right.Reception);

    public static StaffActor Supervisor { get; } = With(Right.Reception, Right.Supervisor);

    public static StaffActor Organisation { get; } = With(Right.Organisation);

    public static StaffActor Admin { get; } = With(Right.Admin);

    public static StaffActor Everything { get; } = With(Right.Organisation, Right.Reception, Right.Supervisor, Right.Admin);

    public static StaffActor Nobody { get; } = With();
}
