using BrpBlazor.App.Components.Dialogs;
using BrpBlazor.Core.Application.Subscriptions;

namespace BrpBlazor.Tests.Security;

/// <summary>
/// What a resumed circuit takes back from the browser (decision 135). The framework seals it with Data Protection, so
/// it cannot be forged; these are the app's own checks on top: the dialog opens only for the staff member and the
/// person it was open for, and its inputs are read like typed input.
/// </summary>
public class ResumedDialogTests
{
    private static ResumableDialog Open(int personId = 7, string staffId = "staff-a") =>
        new(SubscriptionAction.Freeze, 11, personId, staffId, new DialogInputs());

    [Fact]
    public void ADialogOpenForOneStaffMember_IsNotOpenedForTheNextOneSignedIn()
    {
        var memory = new OpenDialogMemory();
        memory.Restore(Open(staffId: "staff-a"));
        Assert.Null(memory.TakeRestored(7, "staff-b"));
    }

    [Fact]
    public void ADialogOpenOnOnePersonsPage_IsNotOpenedOnAnother()
    {
        var memory = new OpenDialogMemory();
        memory.Restore(Open(personId: 7));
        Assert.Null(memory.TakeRestored(8, "staff-a"));
    }

    [Fact]
    public void ARestoredDialog_IsOpenedOnce()
    {
        var memory = new OpenDialogMemory();
        memory.Restore(Open());
        Assert.NotNull(memory.TakeRestored(7, "staff-a"));
        Assert.Null(memory.TakeRestored(7, "staff-a"));
    }

    [Fact]
    public void AnUnknownAction_OrNoInputs_IsNotOpened()
    {
        var memory = new OpenDialogMemory();
        memory.Restore(Open() with { Action = (SubscriptionAction)999 });
        Assert.Null(memory.TakeRestored(7, "staff-a"));
        memory.Restore(Open() with { Inputs = null! });
        Assert.Null(memory.TakeRestored(7, "staff-a"));
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026-4-30")]
    [InlineData("30/04/2026")]
    [InlineData("2026-04-30T00:00")]
    [InlineData("")]
    public void ADateThatIsNotADate_IsLeftOut(string text)
    {
        var inputs = new DialogInputs { Values = { ["end"] = text } };
        Assert.Null(inputs.Date("end"));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData(" 12")]
    [InlineData("99999999999")]
    [InlineData("12; DROP TABLE")]
    public void ANumberThatIsNotAnId_IsLeftOut(string text)
    {
        var inputs = new DialogInputs { Values = { ["target"] = text } };
        Assert.Null(inputs.Number("target"));
    }

    [Fact]
    public void ATextLongerThanAFieldTakes_IsLeftOut_AndAFlagIsOnlyZeroOrOne()
    {
        var inputs = new DialogInputs { Values = { ["reason"] = new string('x', DialogInputs.MaxTextLength + 1), ["final"] = "true" } };
        Assert.Null(inputs.Text("reason"));
        Assert.Null(inputs.Flag("final"));
    }

    [Fact]
    public void WhatWasWritten_ReadsBackTheSame()
    {
        var inputs = new DialogInputs();
        inputs.SetDate("end", new DateOnly(2026, 4, 30));
        inputs.SetNumber("target", 42);
        inputs.SetFlag("final", true);
        inputs.SetText("reason", "Utlandsresa");
        Assert.Equal(new DateOnly(2026, 4, 30), inputs.Date("end"));
        Assert.Equal(42, inputs.Number("target"));
        Assert.True(inputs.Flag("final"));
        Assert.Equal("Utlandsresa", inputs.Text("reason"));
        inputs.SetText("reason", null);
        Assert.False(inputs.Has("reason"));
    }

    [Fact]
    public void AClosedDialog_IsNotPersisted()
    {
        var memory = new OpenDialogMemory();
        var tracking = memory.Track(() => Open());
        Assert.NotNull(memory.Snapshot());
        tracking.Dispose();
        Assert.Null(memory.Snapshot());
    }
}
