using BrpBlazor.Core.Domain.Organisations;

namespace BrpBlazor.Tests.Domain.Organisations;

public class OrganisationsnummerTests
{
    [Theory]
    [InlineData("556036-0793", "5560360793")]
    [InlineData("5560360793", "5560360793")]
    [InlineData("16556036-0793", "5560360793")]
    [InlineData("165560360793", "5560360793")]
    [InlineData(" 212000-2080 ", "2120002080")]
    public void TryParse_AcceptedForms(string input, string stored)
    {
        Assert.True(Organisationsnummer.TryParse(input, out var number, out _));
        Assert.Equal(stored, number.Value);
        Assert.Equal($"{stored[..6]}-{stored[6..]}", number.Formatted);
    }

    [Fact]
    public void TryParse_WrongCheckDigit()
    {
        Assert.False(Organisationsnummer.TryParse("556036-0794", out _, out var error));
        Assert.Equal("Kontrollsiffran stämmer inte", error.Message);
    }

    [Fact]
    public void TryParse_ThirdDigitBelowTwo_IsAPersonnummerShape()
    {
        Assert.False(Organisationsnummer.TryParse("811218-9876", out _, out var error));
        Assert.Equal(OrganisationsnummerErrors.ThirdDigit, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("55603-60793")]
    [InlineData("556036_0793")]
    [InlineData("55603607931")]
    public void TryParse_BadShapes(string input) => Assert.False(Organisationsnummer.TryParse(input, out _, out _));
}
