using System.Globalization;
using System.Text;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;
using BrpBlazor.Core.Domain.PreOrders;
using CsvHelper;

namespace BrpBlazor.Core.Application.PreOrders;

/// <summary>The lines of one checked file, sorted into problems and accepted lines.</summary>
internal sealed record ParsedImport(char Separator, bool HadHeader, List<ImportLine> Problems, List<ImportLine> Accepted);

/// <summary>
/// Reads a pre-order file line by line with CsvHelper and checks every line (no database: the open pre-orders that make
/// a line a duplicate are handed in). Lines are <c>namn,personnummer,e-postadress</c> or <c>namn,födelsedatum,e-postadress</c>;
/// the separator (, ; tab) is detected, a header line is recognised, blank lines are passed over, fields after the third
/// (such as the Orsak column of a downloaded rejected-lines file) are ignored.
/// </summary>
internal static class ImportFileParser
{
    public static readonly Error NoLines = new("import.nolines", "Filen innehåller inga rader att importera.");
    public static readonly Error NotAPreOrderList = new(
        "import.notpreorders",
        "Ingen rad i filen ser ut som en förbeställning. Varje rad ska innehålla namn, personnummer eller födelsedatum och e-postadress, i den ordningen.");

    public static readonly Error LineTooLong = new(
        "import.linetoolong", "Filen har en rad som är längre än 1 MB. Det är inte en lista med förbeställningar; välj en CSV-fil med en rad per person.");

    /// <summary>A line of a pre-order list is well under a kilobyte; this guards against a file that is one huge "line".</summary>
    private const int MaxRecordBytes = 1024 * 1024;

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public static Error TooManyLines(int max) =>
        new("import.toomanylines", $"Filen har fler än {max.ToString("N0", Swedish)} rader. Dela upp den i flera filer.");

    public static async Task<Result<ParsedImport>> ParseAsync(
        ImportFile file, ImportSettings settings, DateOnly today, PersonKeyIndex<int> existing, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(file, settings, today, existing, cancellationToken);
        }
        catch (CsvFormatException)
        {
            // With unbalanced quotes recovered line by line, the reader throws only for a record over MaxRecordSize.
            return LineTooLong;
        }
    }

    private static async Task<Result<ParsedImport>> ReadAsync(
        ImportFile file, ImportSettings settings, DateOnly today, PersonKeyIndex<int> existing, CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions
        {
            Encoding = file.Encoding,
            Separator = null,
            DetectSeparatorHint = true,
            HasHeader = false,
            TrimWhitespace = true,
            SkipEmptyLines = true,

            // Names never hold line breaks; with this off, one unbalanced quote cannot swallow the rest of the file.
            AllowLineBreaksInQuotes = false,
            TrackLineNumbers = true,
            MaxRecordSize = MaxRecordBytes,

            // Values are personal data: keep them out of exception messages (and so out of logs).
            IncludeValuesInExceptions = false,
        };
        await using var reader = CsvReader.Create(file.Content, options, leaveOpen: true);
        var problems = new List<ImportLine>();
        var accepted = new List<ImportLine>();
        var inFile = new PersonKeyIndex<int>();
        var first = true;
        var hadHeader = false;
        var dataLines = 0;
        var identityShaped = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = Field(reader, 0);
            var identityText = Field(reader, 1);
            var email = Field(reader, 2);
            if (name.Length == 0 && identityText.Length == 0 && email.Length == 0 && RestIsEmpty(reader))
            {
                continue;
            }

            if (first)
            {
                first = false;
                if (IsHeader(name, identityText))
                {
                    hadHeader = true;
                    continue;
                }
            }

            if (++dataLines > settings.MaxLines)
            {
                return TooManyLines(settings.MaxLines);
            }

            var lineNumber = (int)reader.LineNumber;
            // "Jönsson, Karl,19660119-7301,…" in a comma file: the name was split. Say so instead of "wrong personnummer".
            var nameSplit = reader.FieldCount >= 4 && !PersonIdentity.LooksLikeIdentity(identityText) && PersonIdentity.LooksLikeIdentity(email);
            if (nameSplit || PersonIdentity.LooksLikeIdentity(identityText))
            {
                identityShaped++;
            }

            var line = nameSplit
                ? new ImportLine(lineNumber, ImportLineStatus.Error, NameHoldsSeparator(reader.Separator), name, identityText, null, default, null) { RawText = Raw(reader) }
                : Check(reader, lineNumber, name, identityText, email, settings, today, existing, inFile);

            (line.Status == ImportLineStatus.Ok ? accepted : problems).Add(line);
        }

        if (dataLines == 0)
        {
            return NoLines;
        }

        return identityShaped == 0
            ? NotAPreOrderList
            : new ParsedImport(reader.Separator, hadHeader, problems, accepted);
    }

    /// <summary>
    /// A first line is a header when its second field is not a personnummer or birth date and it reads like one
    /// ("Personnummer", "Födelsedatum", or a first column "Namn").
    /// </summary>
    internal static bool IsHeader(string first, string second)
    {
        if (PersonIdentity.LooksLikeIdentity(second))
        {
            return false;
        }

        var f = first.ToLower(Swedish);
        var s = second.ToLower(Swedish);
        return s.Contains("personn", StringComparison.Ordinal) || s.Contains("födelse", StringComparison.Ordinal)
            || s.Contains("fodelse", StringComparison.Ordinal) || s is "pnr" or "personnr"
            || f is "namn" or "name" or "för- och efternamn" or "fullständigt namn";
    }

    private static ImportLine Check(
        CsvReader reader, int lineNumber, string name, string identityText, string email,
        ImportSettings settings, DateOnly today, PersonKeyIndex<int> existing, PersonKeyIndex<int> inFile)
    {
        var identityOk = PersonIdentity.TryParse(identityText, today, out var identity, out var identityError);
        var draft = new PreOrderDraft(
            settings.OrganisationId, settings.ProductId, settings.Validity, name, identity.Personnummer, identity.BirthDate, email);
        var errors = draft.Validate();
        if (errors.Count > 0 || !identityOk)
        {
            // Without a parsed identity the draft reports it missing; the parser's reason is the precise one.
            var reasons = errors.Select(e => e.Code == PersonIdentity.Missing.Code && identityError is not null ? identityError.Message : e.Message);
            return new ImportLine(lineNumber, ImportLineStatus.Error, string.Join("; ", reasons), name, identityText, null, default, NullIfEmpty(email))
            {
                RawText = Raw(reader),
            };
        }

        var nameKey = PersonName.MatchKey(name);
        if (existing.TryFind(identity.Personnummer, identity.BirthDate, nameKey, out _))
        {
            return new ImportLine(
                lineNumber, ImportLineStatus.Duplicate, PreOrderRules.ExistsForPerson.Message, name, identityText, identity.Personnummer, identity.BirthDate, NullIfEmpty(email))
            {
                RawText = Raw(reader),
            };
        }

        if (inFile.TryFind(identity.Personnummer, identity.BirthDate, nameKey, out var firstLine))
        {
            return new ImportLine(
                lineNumber, ImportLineStatus.Duplicate, $"Samma person på rad {firstLine}", name, identityText, identity.Personnummer, identity.BirthDate, NullIfEmpty(email))
            {
                RawText = Raw(reader),
            };
        }

        inFile.Add(identity.Personnummer, identity.BirthDate, nameKey, lineNumber);
        return new ImportLine(lineNumber, ImportLineStatus.Ok, null, name, string.Empty, identity.Personnummer, identity.BirthDate, NullIfEmpty(email))
        {
            NameKey = nameKey,
        };
    }

    private static string Raw(CsvReader reader) => Encoding.UTF8.GetString(reader.RawRecord);

    private static string NameHoldsSeparator(char separator) => separator switch
    {
        ',' => "Namnet innehåller ett kommatecken: sätt namnet inom citattecken (\"Jönsson, Karl\")",
        ';' => "Namnet innehåller ett semikolon: sätt namnet inom citattecken",
        _ => "Raden har för många fält: namnet innehåller avgränsaren",
    };

    private static string Field(CsvReader reader, int index) =>
        index < reader.FieldCount ? reader.GetString(index).Trim() : string.Empty;

    private static bool RestIsEmpty(CsvReader reader)
    {
        for (var i = 3; i < reader.FieldCount; i++)
        {
            if (!string.IsNullOrWhiteSpace(reader.GetString(i)))
            {
                return false;
            }
        }

        return true;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
