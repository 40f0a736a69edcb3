using AngleSharp.Dom;
using BrpBlazor.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BrpBlazor.Tests.Components.Shared;

/// <summary>Helpers for the register forms: a field's visible text (label, helper, message), choosing in a select.</summary>
public abstract class RegisterFormTestBase : BunitTestBase
{
    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>Everything shown around a MudBlazor field: its label, helper text and error message.</summary>
    protected static string FieldText<T>(IRenderedComponent<T> cut, string testId)
        where T : IComponent =>
        Field(cut, testId).TextContent;

    protected static bool FieldHasError<T>(IRenderedComponent<T> cut, string testId)
        where T : IComponent =>
        Field(cut, testId).QuerySelector(".mud-input-error") is not null;

    /// <summary>Opens a MudSelect and picks the item whose text contains <paramref name="itemText"/>.</summary>
    protected static void Choose<T>(IRenderedComponent<T> cut, IRenderedComponent<MudPopoverProvider> popovers, string testId, string itemText)
        where T : IComponent
    {
        Field(cut, testId).MouseDown();
        popovers.WaitForAssertion(() => Assert.Contains(popovers.FindAll(".mud-list-item"), i => i.TextContent.Contains(itemText, StringComparison.Ordinal)));
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains(itemText, StringComparison.Ordinal)).Click();
    }

    private static IElement Field<T>(IRenderedComponent<T> cut, string testId)
        where T : IComponent =>
        cut.Find($"[data-testid={testId}]").Closest(".mud-input-control") ?? throw new InvalidOperationException($"{testId} is not in a MudBlazor field");
}
