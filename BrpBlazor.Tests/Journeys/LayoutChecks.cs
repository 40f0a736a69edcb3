using Microsoft.Playwright;

namespace BrpBlazor.Tests.Journeys;

/// <summary>
/// What the tablet and phone tours measure on whatever the screen shows now (a page, a dialog, a wizard step):
/// sideways scrolling, cells and buttons past the edge, column titles and dates broken across lines, top-bar
/// overlaps, targets too small for a finger, and buttons a journey needs out of reach. Each returns what is
/// wrong, prefixed with <c>where</c>, so a tour reports every problem at once.
/// </summary>
internal static class LayoutChecks
{
    public static async Task<IReadOnlyList<string>> SidewaysAsync(IPage page, string where)
    {
        var problems = new List<string>();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 1)
        {
            problems.Add($"{where}: {overflow}px wider than the screen");
        }

        // Cards clip what does not fit, so the page itself may not scroll: look for cells and buttons past the edge.
        var cut = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('td, th, .mud-button-root, .mud-step, h1, .mud-dialog, .mud-input-control')]
            .filter(e => { const b = e.getBoundingClientRect(); return b.width > 0 && (b.right > window.innerWidth + 1 || b.left < -1); })
            .map(e => `${e.tagName.toLowerCase()} '${(e.innerText || '').trim().slice(0, 25)}' spans ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}px`)");
        problems.AddRange(cut.Select(c => $"{where}: {c}"));

        // A value that does not fit its cell spills over the next one or is clipped by the card ("2026-01-1").
        var spilled = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('td')]
            .filter(td => td.getBoundingClientRect().width > 0 && td.scrollWidth > td.clientWidth + 1)
            .map(td => `td '${td.innerText.trim().slice(0, 25)}' is ${td.scrollWidth}px of content in a ${td.clientWidth}px cell`)");
        problems.AddRange(spilled.Select(c => $"{where}: {c}"));

        // Inside the screen but past the edge of a card or table that clips it, or scrolls it sideways on its own.
        var clipped = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('td, th, .mud-button-root')]
            .filter(e => e.getBoundingClientRect().width > 0 && !e.closest('.mud-popover, .sr-only, .mud-switch'))
            .flatMap(e => { const b = e.getBoundingClientRect();
                for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                    if (getComputedStyle(a).overflowX === 'visible') continue;
                    const c = a.getBoundingClientRect();
                    if (b.right > c.right + 1 || b.left < c.left - 1)
                        return [`${e.tagName.toLowerCase()} '${(e.innerText || '').trim().slice(0, 25)}' spans ${Math.round(b.left)}..${Math.round(b.right)}px, past ${a.className.toString().split(' ')[0] || a.tagName.toLowerCase()} (${Math.round(c.left)}..${Math.round(c.right)}px)`];
                }
                return []; })");
        problems.AddRange(clipped.Select(c => $"{where}: {c}"));

        problems.AddRange((await BrokenHeadersAsync(page)).Select(h => $"{where}: {h}"));
        problems.AddRange((await BrokenDatesAsync(page)).Select(h => $"{where}: {h}"));

        // The top bar's buttons must not overlap each other or spill their text ("PERSONGANISAT").
        var overlaps = await page.EvaluateAsync<int>(@"() => { const r = [...document.querySelectorAll('.mud-appbar .mud-button-root, .mud-appbar .mud-icon-button')]
            .map(e => e.getBoundingClientRect()).filter(b => b.width > 0).sort((a, b) => a.left - b.left);
            let n = 0; for (let i = 1; i < r.length; i++) if (r[i].left < r[i - 1].right - 1) n++;
            return n + [...document.querySelectorAll('.mud-appbar .mud-button-label')].filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).textOverflow !== 'ellipsis').length; }");
        if (overlaps > 0)
        {
            problems.Add($"{where}: {overlaps} top-bar buttons overlap");
        }

        return problems;
    }

    /// <summary>Header cells whose text is wider than the cell, or with a word broken across two lines ("Slutdatu/m").</summary>
    public static async Task<string[]> BrokenHeadersAsync(IPage page) => await page.EvaluateAsync<string[]>(@"() =>
        [...document.querySelectorAll('th')].filter(th => th.getBoundingClientRect().width > 0).flatMap(th => {
            const found = [];
            if (th.scrollWidth > th.clientWidth + 1) found.push(`th '${th.innerText.trim()}' is ${th.scrollWidth}px of text in a ${th.clientWidth}px cell`);
            const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (node.parentElement.closest('.sr-only')) continue;
                for (const word of node.data.matchAll(/\S+/g)) {
                    const range = document.createRange();
                    range.setStart(node, word.index);
                    range.setEnd(node, word.index + word[0].length);
                    const lines = new Set([...range.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
                    if (lines.size > 1) found.push(`th word '${word[0]}' breaks across ${lines.size} lines`);
                }
            }
            return found;
        })");

    /// <summary>Dates (2026-12-15) anywhere on the screen that are broken across lines ("2026-12-" / "15"): one reads as two.</summary>
    public static async Task<string[]> BrokenDatesAsync(IPage page) => await page.EvaluateAsync<string[]>(@"() => {
        const found = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.parentElement || node.parentElement.closest('.sr-only, script, style')) continue;
            for (const date of node.data.matchAll(/\d{4}-\d{2}-\d{2}/g)) {
                const range = document.createRange();
                range.setStart(node, date.index);
                range.setEnd(node, date.index + date[0].length);
                const lines = new Set([...range.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
                if (lines.size > 1) found.push(`date '${date[0]}' in ${node.parentElement.tagName.toLowerCase()} breaks across ${lines.size} lines`);
            }
        }
        return found;
    }");

    /// <summary>What a finger taps is at least 40 px each way (the tablet tour's rule), in the first three screens.</summary>
    public static async Task<IReadOnlyList<string>> SmallTargetsAsync(IPage page, string where)
    {
        var small = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('button, a[href], input[type=checkbox], input[type=radio], [role=button], .mud-select')]
            .filter(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && r.top < window.innerHeight * 3
                    && (r.height < 40 || r.width < 40) && !e.closest('.mud-picker-calendar, .mud-input-adornment, .mud-chip, .mud-table-pagination, .mud-data-grid-pager, td'); })
            .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].slice(0, 2).join('.')} '${(e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 30)}' ${Math.round(e.getBoundingClientRect().width)}x${Math.round(e.getBoundingClientRect().height)}`)");
        return small.Select(s => $"{where}: small target {s}").ToList();
    }

    /// <summary>
    /// Each button a journey presses can be brought into view and is then wholly on the screen and not covered by
    /// something else (a snackbar, a sticky bar): what a finger needs to press it.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnreachableAsync(IPage page, string where, params string[] testIds)
    {
        var problems = new List<string>();
        foreach (var testId in testIds)
        {
            var button = page.GetByTestId(testId).First;
            if (await page.GetByTestId(testId).CountAsync() == 0)
            {
                problems.Add($"{where}: '{testId}' is not there");
                continue;
            }

            await button.ScrollIntoViewIfNeededAsync();
            var state = await button.EvaluateAsync<string>(@"e => { const b = e.getBoundingClientRect();
                if (b.width === 0 || b.height === 0) return 'not shown';
                if (b.left < -1 || b.top < -1 || b.right > window.innerWidth + 1 || b.bottom > window.innerHeight + 1)
                    return `off the screen at ${Math.round(b.left)},${Math.round(b.top)}..${Math.round(b.right)},${Math.round(b.bottom)}`;
                const at = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
                // A disabled button lets the pointer through to its own row: that is not something covering it.
                return at && (at === e || e.contains(at) || (e.disabled && at.contains(e))) ? 'ok' : `covered by ${at?.tagName.toLowerCase()}.${[...(at?.classList ?? [])].slice(0, 2).join('.')}`; }");
            if (state != "ok")
            {
                problems.Add($"{where}: '{testId}' {state}");
            }
        }

        return problems;
    }

    /// <summary>Every button of the open dialog's action row is wholly on the screen (a dialog does not scroll the page).</summary>
    public static async Task<IReadOnlyList<string>> DialogActionsOffScreenAsync(IPage page, string where)
    {
        var off = await page.EvaluateAsync<string[]>(@"() => {
            const buttons = [...document.querySelectorAll('.mud-dialog .mud-dialog-actions .mud-button-root')];
            if (buttons.length === 0) return ['the dialog has no action row'];
            return buttons.filter(e => { const b = e.getBoundingClientRect();
                    return b.width === 0 || b.left < -1 || b.top < -1 || b.right > window.innerWidth + 1 || b.bottom > window.innerHeight + 1; })
                .map(e => `dialog button '${e.innerText.trim()}' is off the screen`); }");
        return off.Select(o => $"{where}: {o}").ToList();
    }
}
