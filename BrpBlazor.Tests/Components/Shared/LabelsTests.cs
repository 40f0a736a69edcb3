using BrpBlazor.App.Components.Shared;

namespace BrpBlazor.Tests.Components.Shared;

public class LabelsTests
{
    [Fact]
    public void KeepDatesWhole_DatesInAText_EachInASpanThatDoesNotWrap() =>
        Assert.Equal(
            "Frysning <span class=\"text-nowrap\">2026-03-16</span> – <span class=\"text-nowrap\">2026-04-15</span> lades in",
            Labels.KeepDatesWhole("Frysning 2026-03-16 – 2026-04-15 lades in").Value);

    [Fact]
    public void KeepDatesWhole_MarkupInTheText_IsEncodedNotRendered() =>
        // A colleague's name or a reason is typed by people: it must never become markup.
        Assert.Equal("&lt;b&gt;Kalle&lt;/b&gt; &amp; Co: <span class=\"text-nowrap\">2026-03-16</span>", Labels.KeepDatesWhole("<b>Kalle</b> & Co: 2026-03-16").Value);

    [Fact]
    public void KeepDatesWhole_Null_IsEmpty() => Assert.Equal(string.Empty, Labels.KeepDatesWhole(null).Value);
}
