using System.Net.Mail;
using System.Text;
using BrpBlazor.Core.Domain.Common;
using BrpBlazor.Core.Domain.People;

namespace BrpBlazor.Tests.Domain.Common;

/// <summary>
/// The name and e-mail checks an import runs on every line work without allocating (docs/decisions/051); they must
/// answer exactly as the plain definitions they replaced.
/// </summary>
public class FastCheckTests
{
    public static TheoryData<string> Names =>
    [
        "Märta Nyström", "Nyström, Märta", "  MÄRTA   nyström ", "Åsa\tÖberg", "Öberg,Åsa", "ÉLISE du Pont", "Anna-Karin Ek",
        "Karl Johan Ek", "ek karl johan", "", "   ", ",", "a\u00A0b", "Zoë ZOË zoë", "İsmail Ärlig", "b a a b",
        string.Join(' ', Enumerable.Repeat("Ord", 40)), new string('å', 300), "Å " + new string('Ö', 299),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void PersonName_MatchKey_SameAsThePlainDefinition(string name) =>
        Assert.Equal(PersonName.MatchKeyPlain(name), PersonName.MatchKey(name));

    [Theory]
    [MemberData(nameof(Names))]
    [InlineData("a  b")]
    [InlineData("a \tb")]
    [InlineData("a\r\nb")]
    [InlineData("a ")]
    public void PersonName_Normalise_SameAsJoiningTheWords(string text)
    {
        var plain = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(plain, PersonName.Normalise(text));
    }

    [Fact]
    public void PersonName_Normalise_AlreadyNormalName_IsTheSameString()
    {
        var name = new StringBuilder("Märta Nyström").ToString();

        Assert.Same(name, PersonName.Normalise(name));
    }

    [Theory]
    [InlineData("anna@exempel.se")]
    [InlineData("Anna.Ek+gym@Foretaget.CO.uk")]
    [InlineData("karl_johan-ek12@sub.example-site.se")]
    [InlineData("a@b.c")]
    [InlineData("o'brien@exempel.se")]
    [InlineData("\"anna ek\"@exempel.se")]
    [InlineData("anna..ek@exempel.se")]
    [InlineData(".anna@exempel.se")]
    [InlineData("anna.@exempel.se")]
    [InlineData("anna@-exempel.se")]
    [InlineData("anna@exempel-.se")]
    [InlineData("anna@exempel..se")]
    [InlineData("anna@exempel.se.")]
    [InlineData("anna@.exempel.se")]
    [InlineData("anna@exempel")]
    [InlineData("anna@@exempel.se")]
    [InlineData("@exempel.se")]
    [InlineData("anna@")]
    [InlineData("anna ek@exempel.se")]
    [InlineData("  anna@exempel.se  ")]
    [InlineData("åsa@exempel.se")]
    [InlineData("asa@exempel.se;")]
    [InlineData("asa@[127.0.0.1]")]
    [InlineData("Anna <anna@exempel.se>")]
    public void EmailAddress_IsValid_SameAsTheFullParse(string text)
    {
        var t = text.Trim();
        var at = t.IndexOf('@', StringComparison.Ordinal);
        var domain = at < 0 ? string.Empty : t[(at + 1)..];
        var plain = t.Length <= EmailAddress.MaxLength && !t.Contains(' ', StringComparison.Ordinal) && t.Count(c => c == '@') == 1
            && at > 0 && domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.')
            && MailAddress.TryCreate(t, out var parsed) && parsed.Address == t;

        Assert.Equal(plain, EmailAddress.IsValid(text));
    }

    [Theory]
    [InlineData("anna", "exempel.se")]
    [InlineData("Anna.Ek+gym", "Foretaget.CO.uk")]
    [InlineData("karl_johan-ek12", "sub.example-site.se")]
    public void EmailAddress_PlainAddress_IsOneMailAddressTakesAsWritten(string local, string domain)
    {
        Assert.True(EmailAddress.IsPlain(local, domain));
        Assert.True(MailAddress.TryCreate($"{local}@{domain}", out var parsed));
        Assert.Equal($"{local}@{domain}", parsed.Address);
    }
}
