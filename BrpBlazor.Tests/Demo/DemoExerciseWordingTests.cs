using System.Text.RegularExpressions;
using BrpBlazor.App.Components.Dialogs;
using BrpBlazor.Core.Application.Demo;

namespace BrpBlazor.Tests.Demo;

/// <summary>The exercises name what the trainee sees on screen, word for word.</summary>
public partial class DemoExerciseWordingTests
{
    [Fact]
    public void Exercises_CancelReason_IsOneOfTheDialogsReasonButtons()
    {
        var cancel = DemoExercises.All.Single(e => e.Id == "sag-upp-karin");

        var reason = ReasonPattern().Match(cancel.Instructions).Groups[1].Value;

        Assert.Contains(reason, CancelDialog.CommonReasons);
    }

    [GeneratedRegex(@"med orsaken (\p{L}+)")]
    private static partial Regex ReasonPattern();
}
