using BrpBlazor.Core.Domain.Common;

namespace BrpBlazor.Core.Domain.Subscriptions;

/// <summary>Refusals of subscription operations, each naming the rule and its numbers in Swedish.</summary>
public static class SubscriptionErrors
{
    public static readonly Error EndBeforeStart = new("freeze.range", "Slutdatum kan inte vara före startdatum");
    public static readonly Error Cancelled = new("subscription.cancelled", "Abonnemanget är uppsagt");
    public static readonly Error Ended = new("subscription.ended", "Abonnemanget har upphört");
    public static readonly Error FreezeNotFound = new("freeze.notfound", "Frysningen finns inte längre – den kan ha ändrats av någon annan");
    public static readonly Error FreezeHasBegun = new("freeze.begun", "Frysningen har redan börjat – förkorta den i stället");
    public static readonly Error FreezeNotOngoing = new("freeze.notongoing", "Frysningen pågår inte i dag");
    public static readonly Error ShortenNotBeforeYesterday = new("freeze.shorten.past", "En frysning kan som tidigast sluta i går");
    public static Error ShortenBeforeStart(DateOnly start) =>
        new("freeze.shorten.start", $"Nytt slutdatum kan inte vara före frysningens start: den började {start:yyyy-MM-dd} och kan som tidigast sluta samma dag");
    public static readonly Error NotBilled = new("upgrade.notbilled", "Abonnemanget har inte debiterats ännu");
    public static readonly Error HasCurrentOrFutureFreeze = new("upgrade.freeze", "Abonnemanget har en pågående eller kommande frysning");
    public static readonly Error FixedTermCannotBeCancelled = new("cancel.fixedterm", "Ett tidsbegränsat abonnemang upphör av sig självt och sägs inte upp");
    public static readonly Error ReasonRequired = new("cancel.reason", "Ange orsak till uppsägningen");
    public static readonly Error NoUpgradeTarget = new("upgrade.target", "Välj en produkt att uppgradera till");
    public static readonly Error UpgradeBeforeStart = new("upgrade.beforestart", "Uppgraderingen kan inte gälla före abonnemangets start");
    public static readonly Error NotCancelled = new("undo.notcancelled", "Abonnemanget är inte uppsagt");
    public static readonly Error UndoReasonRequired = new("undo.reason", "Skriv varför uppsägningen ångras");
    public static readonly Error NothingToBill = new("billing.nothing", "Det finns inget att debitera fram till det datumet");

    public static readonly Error StartInPast = new("freeze.past", "Startdatum har passerat – kräver arbetsledare och en skriftlig orsak") { Overridable = true };
    public static readonly Error ProductCannotBeFrozen = new("freeze.notallowed", "Produkten får inte frysas enligt sin frysregel") { Overridable = true };
    public static readonly Error UpgradeInPast = new("upgrade.past", "Uppgraderingsdagen har passerat – kräver arbetsledare och en skriftlig orsak") { Overridable = true };

    public static Error FreezeBeforeStart(DateOnly start) =>
        new("freeze.beforestart", $"Frysningen kan inte börja före abonnemangets start {start:yyyy-MM-dd}");

    public static Error FreezeAfterEnd(DateOnly end) =>
        new("freeze.afterend", $"Frysningen kan inte börja efter abonnemangets slutdatum {end:yyyy-MM-dd}");

    public static Error Overlap(DateRange other) =>
        new("freeze.overlap", $"Överlappar frysningen {other}");

    public static Error TooShort(int days, int min) =>
        new("freeze.min", $"Frysningen är {days} dagar; produktens frysregel kräver minst {min} dagar") { Overridable = true };

    public static Error TooLong(int days, int max) =>
        new("freeze.max", $"Frysningen är {days} dagar; produktens frysregel tillåter högst {max} dagar") { Overridable = true };

    public static Error TooManyThisYear(int used, int max, int year) =>
        new("freeze.peryear", $"{used} av {max} frysningar använda {year}") { Overridable = true };

    public static Error ShortenMustBeEarlier(DateOnly end) =>
        new("freeze.shorten.later", $"Nytt slutdatum måste vara före nuvarande slutdatum {end:yyyy-MM-dd}");

    public static Error ExtendMustBeLater(DateOnly end) =>
        new("freeze.extend.earlier", $"Nytt slutdatum måste vara efter nuvarande slutdatum {end:yyyy-MM-dd}");

    public static Error FutureFreezeBlocksCancel(DateRange freeze) =>
        new("cancel.futurefreeze", $"Ta bort den kommande frysningen {freeze} innan abonnemanget sägs upp");

    public static Error NotMoreExpensive(Money current, Money target) =>
        new("upgrade.cheaper", $"Den nya produkten ({target}/mån) är inte dyrare än nuvarande ({current}/mån)");

    public static readonly Error DifferentKind =
        new("upgrade.kind", "Det går bara att uppgradera till en produkt av samma slag (löpande eller tidsbegränsat)");

    public static readonly Error AddOnTarget =
        new("upgrade.addon", "Det går inte att uppgradera till en tilläggsprodukt");

    public static readonly Error NoDowngradeTarget = new("downgrade.target", "Välj produkten att byta till");

    public static readonly Error DowngradeDifferentKind =
        new("downgrade.kind", "Det går bara att byta till en produkt av samma slag (löpande eller tidsbegränsat)");

    public static readonly Error NoScheduledChange = new("downgrade.none", "Det finns inget planerat produktbyte");

    public static Error NotCheaper(Money current, Money target) =>
        new("downgrade.dearer", $"Den nya produkten ({target}/mån) är inte billigare än nuvarande ({current}/mån)");

    public static Error DowngradeDifferentInterval(int months) =>
        new("downgrade.interval", $"Det går bara att byta till en produkt som också debiteras var {months}:e månad");

    public static Error DowngradeDuringBinding(string productName, DateOnly boundUntil) =>
        new("downgrade.binding", $"Bundet t.o.m. {boundUntil:yyyy-MM-dd}: {productName} tillåter inte byte till billigare produkt under bindningstiden") { Overridable = true };

    public static Error EndsBeforeNextPeriod(DateOnly end) =>
        new("downgrade.ended", $"Abonnemanget slutar {end:yyyy-MM-dd}, före nästa debiteringsperiod");

    public static Error ScheduledChangeStarted(ScheduledChange scheduled) =>
        new("downgrade.started", $"Bytet till {scheduled.ProductName} gäller sedan {scheduled.From:yyyy-MM-dd} och kan inte längre ångras");
}
