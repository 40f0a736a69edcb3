using BrpBlazor.Core.Application.Common;
using BrpBlazor.Core.Application.Demo;
using BrpBlazor.Core.Application.PreOrders;
using BrpBlazor.Core.Application.Redeem;
using BrpBlazor.Core.Application.Subscriptions;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.Redeem;
using BrpBlazor.Core.Domain.Subscriptions;
using BrpBlazor.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BrpBlazor.Tests.Application.Demo;

/// <summary>Each exercise's check fails before the exercise is done and passes after, done through the app's own services.</summary>
public sealed class DemoExerciseTests : IAsyncLifetime
{
    private static readonly RedeemSettings Settings = new(3, false);
    private readonly TestClock clock = new(DemoSeed.DemoToday);
    private TestDatabaseFile database = default!;

    public async Task InitializeAsync()
    {
        database = await TestDatabaseFile.CreateAsync();
        await using var db = database.Factory.CreateDbContext();
        await DemoSeed.SeedAsync(db);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task UtnyttjaAsa() => await BeforeAndAfterAsync("utnyttja-asa", async () =>
    {
        var asa = await PersonAsync("Åsa", "Öberg");
        var suggestion = (await new RedeemSuggestions(database.Factory).ForAsync(Actors.Reception, RedeemIdentity.Of(asa), clock.Today)).Value.Single(s => s.OrganisationName == "Mälardalens Bygg AB");
        var result = await Redeem().FinishAsync(Actors.Reception, asa.Id,
            new RedeemRequest(suggestion.OrganisationId, suggestion.PreOrderId, suggestion.ProductId, clock.Today, true, asa.Email, asa.Phone, PreOrderVersion: suggestion.PreOrderVersion), Settings);
        Assert.True(result.IsSuccess, result.FirstError?.Message);
    });

    [Fact]
    public async Task ForlangPer() => await BeforeAndAfterAsync("forlang-per", async () =>
    {
        var loaded = await LoadSubscriptionOfAsync("Per", "Berg");
        var freeze = loaded.OngoingFreeze!;
        var end = new DateOnly(2026, 6, 30);
        var preview = loaded.PreviewChangeFreezeEnd(freeze.Id, FreezeChange.Extend, end, Actors.Reception);
        Assert.True((await Operations().ChangeFreezeEndAsync(Actors.Reception, loaded.Subscription.Id, freeze.Id, FreezeChange.Extend, end, null, preview)).IsSuccess);
    });

    [Fact]
    public async Task Importera() => await BeforeAndAfterAsync("importera", async () =>
    {
        await using var db = database.Factory.CreateDbContext();
        var logistik = await db.Organisations.SingleAsync(o => o.Name == "Nordisk Logistik AB");
        var gym = await db.Products.SingleAsync(p => p.Name == "Gym 12 mån autogiro");
        var import = new PreOrderImport(database.Factory, clock, TestSpool.Folder);
        await using var file = new MemoryStream(DemoExercises.ImportFileBytes());
        var preview = await import.ParseAsync(Actors.Organisation, file, "anställda.csv",
            new ImportSettings(logistik.Id, gym.Id, new DateRange(clock.Today, new DateOnly(2026, 8, 31))));
        Assert.True(preview.IsSuccess, preview.FirstError?.Message);
        Assert.True((await import.ConfirmAsync(Actors.Organisation, preview.Value)).IsSuccess);
    });

    [Fact]
    public async Task NyOrganisationskund() => await BeforeAndAfterAsync("ny-organisationskund", async () =>
    {
        var pnr = Personnummer.FromParts(new DateOnly(1988, 9, 9), 471);
        var suggestion = (await new RedeemSuggestions(database.Factory).ForAsync(Actors.Reception, new RedeemIdentity(pnr, pnr.BirthDate, "Nils Nyman"), clock.Today)).Value.Single();
        var result = await Redeem().RegisterAndFinishAsync(Actors.Reception,
            new PersonDetails("Nils", "Nyman", pnr, default, null, null),
            new RedeemRequest(suggestion.OrganisationId, suggestion.PreOrderId, suggestion.ProductId, clock.Today, true, null, null, PreOrderVersion: suggestion.PreOrderVersion), Settings);
        Assert.True(result.IsSuccess, result.FirstError?.Message);
    });

    [Fact]
    public async Task SagUppKarin() => await BeforeAndAfterAsync("sag-upp-karin", async () =>
    {
        var loaded = await LoadSubscriptionOfAsync("Karin", "Lundqvist");
        var request = new CancelRequest("Flyttar", FinalPayment: false);
        var preview = loaded.PreviewCancel(request, Actors.Reception);
        Assert.True((await Operations().CancelAsync(Actors.Reception, loaded.Subscription.Id, request, preview)).IsSuccess);
    });

    [Fact]
    public async Task TaBortErik() => await BeforeAndAfterAsync("ta-bort-erik", async () =>
    {
        var loaded = await LoadSubscriptionOfAsync("Erik", "Holm");
        var freeze = loaded.Subscription.ActiveFreezes.Single(f => f.Range.Start == new DateOnly(2026, 7, 1));
        var preview = loaded.PreviewRemoveFreeze(freeze.Id, Actors.Reception);
        Assert.True((await Operations().RemoveFreezeAsync(Actors.Reception, loaded.Subscription.Id, freeze.Id, preview)).IsSuccess);
    });

    [Fact]
    public async Task SkapaLena() => await BeforeAndAfterAsync("skapa-lena", async () =>
    {
        await using var db = database.Factory.CreateDbContext();
        var stad = await db.Organisations.SingleAsync(o => o.Name == "Västerås stad");
        var gym = await db.Products.SingleAsync(p => p.Name == "Gym 12 mån autogiro");
        var result = await new PreOrderCommands(database.Factory, clock).CreateAsync(Actors.Organisation,
            new CreatePreOrderRequest(stad.Id, gym.Id, clock.Today, clock.Today.AddMonths(3), "Lena Strand", Personnummer.FromParts(new DateOnly(1988, 12, 3), 404).Formatted, null));
        Assert.True(result.IsSuccess, result.FirstError?.Message);
    });

    [Fact]
    public async Task UppgraderaMaria() => await BeforeAndAfterAsync("uppgradera-maria", async () =>
    {
        var loaded = await LoadSubscriptionOfAsync("Maria", "Ek");
        var gold = loaded.UpgradeTargets.Single(t => t.Product.Name == "Gym Guld").Product.Id;
        var preview = loaded.PreviewUpgrade(gold, clock.Today, Actors.Reception);
        Assert.True((await Operations().UpgradeAsync(Actors.Reception, loaded.Subscription.Id, gold, clock.Today, null, preview)).IsSuccess);
    });

    [Fact]
    public void EveryExercise_HasATest() =>
        Assert.Equal(8, DemoExercises.All.Count);

    private async Task BeforeAndAfterAsync(string exerciseId, Func<Task> doTheExercise)
    {
        var exercise = DemoExercises.All.Single(e => e.Id == exerciseId);
        await using (var db = database.Factory.CreateDbContext())
        {
            var before = await exercise.Check(db, CancellationToken.None);
            Assert.False(before.Done, before.Message);
        }

        await doTheExercise();

        await using (var db = database.Factory.CreateDbContext())
        {
            var after = await exercise.Check(db, CancellationToken.None);
            Assert.True(after.Done, after.Message);
        }
    }

    private RedeemService Redeem() => new(database.Factory, database.Database, clock, new InProcessChangeFeed());

    private SubscriptionOperations Operations() => new(database.Factory, clock, new InProcessChangeFeed(), database.Database);

    private async Task<Person> PersonAsync(string first, string last)
    {
        await using var db = database.Factory.CreateDbContext();
        return await db.People.SingleAsync(p => p.FirstName == first && p.LastName == last);
    }

    private async Task<LoadedSubscription> LoadSubscriptionOfAsync(string first, string last)
    {
        var person = await PersonAsync(first, last);
        await using var db = database.Factory.CreateDbContext();
        var id = await db.Subscriptions.Where(s => s.PersonId == person.Id).Select(s => s.Id).SingleAsync();
        return (await Operations().LoadAsync(Actors.Reception, id)).Value;
    }
}
