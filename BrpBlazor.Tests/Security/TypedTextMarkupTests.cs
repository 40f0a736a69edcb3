using BrpBlazor.App.Components.Pages.People;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Bunit;

namespace BrpBlazor.Tests.Security;

/// <summary>
/// Texts people type (a cancellation reason, a freeze reason) are shown with their dates kept whole, through markup
/// the app builds (<c>Labels.KeepDatesWhole</c>). What was typed must come out as text, never as markup.
/// </summary>
public class TypedTextMarkupTests : BunitTestBase
{
    private const string Hostile = "<img src=x onerror=alert(1)> 2026-05-01\"><script>alert(2)</script>";

    private static readonly DateTime Seed = new(2026, 1, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ACancellationReasonWithMarkup_IsShownAsText_OnThePersonPage()
    {
        int personId;
        await using (var db = Database.NewContext())
        {
            var product = await TestData.AddProductAsync(db, price: 300);
            var person = await TestData.AddPersonAsync(db, "Per", "Markupsson", TestData.NextPersonnummer());
            personId = person.Id;
            var subscription = Subscription.Create(new SubscriptionStart(person.Id, product, product.MonthlyPrice, new DateOnly(2026, 1, 1), null, null, "seed", Seed));
            subscription.Bill(Clock.Today, new OperationContext(Clock.Today, product), "seed", Seed);
            Assert.True(subscription.Cancel(new CancelRequest(Hostile, false), new OperationContext(Clock.Today, product), "seed", Seed).IsSuccess);
            db.Subscriptions.Add(subscription);
            await db.SaveChangesAsync();
        }

        var cut = Render<PersonPage>(p => p.Add(x => x.PersonId, personId));

        cut.WaitForAssertion(() => Assert.Contains("alert(1)", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("<span class=\"text-nowrap\">2026-05-01</span>", cut.Markup, StringComparison.Ordinal);
    }
}
