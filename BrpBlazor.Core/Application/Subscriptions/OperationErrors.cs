using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Application.Subscriptions;

/// <summary>Refusals of the application layer around the domain's own (SubscriptionErrors).</summary>
public static class OperationErrors
{
    public static readonly Error NotFound = new("subscription.notfound", "Abonnemanget finns inte");

    public static readonly Error Stale = new(
        "subscription.stale",
        "Någon annan ändrade abonnemanget medan du hade det öppet. Inget sparades – förhandsvisningen visar nu det nya läget, kontrollera och bekräfta igen.");

    public static readonly Error OutcomeChanged = new(
        "subscription.outcome",
        "Resultatet skulle inte bli detsamma som förhandsvisningen (dagens datum eller ett pris har ändrats). Inget sparades – kontrollera och bekräfta igen.");

    /// <summary>SQLite stayed locked by another writer past its busy timeout: nothing was saved (docs/decisions/063).</summary>
    public static readonly Error Busy = new("database.busy", "Databasen är upptagen just nu. Ingenting sparades – försök igen om en stund.");
    public static readonly Error ChargeNotFound = new("charge.notfound", "Avgiften finns inte på abonnemanget");

    /// <summary>True when the dialog should load the subscription again and preview on the new state.</summary>
    public static bool MeansPreviewAgain(Error? error) => error is not null && (error.Code == Stale.Code || error.Code == OutcomeChanged.Code);
}
