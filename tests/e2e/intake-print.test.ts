// The printed intake sheet, as Chromium prints it to PDF: every page names its report and its
// page ("Página 2 de 3"), so that two sheets from one day are never mixed up and a second page is
// never anonymous. The sheet is printed alone, with the classes its "Imprimir ficha" button sets.
import { describe, expect, it } from 'vitest';
import { browserSuite } from '../helpers/browser-suite.ts';
import { pdfPageTexts, squeezed } from '../helpers/pdf-text.ts';
import { demoLogins, reportAskingLegalAid, signInAndUnlock } from '../helpers/workspace-ui.ts';

const suite = browserSuite({ POW_DIFFICULTY: '0' });

describe('the printed intake sheet', () => {
  it('names its report and its page on every printed page', async () => {
    const reporter = await suite.browser.newPage();
    const short = {
      narrative: 'Me quitaron el celular.',
      contact: '911111111',
      safeTimes: 'tardes',
    };
    await reportAskingLegalAid(reporter, suite.server.url, short);
    // Long enough to run over several pages.
    const long = 'Un policía me pidió plata para no llevarme a la comisaría. '.repeat(40);
    await reportAskingLegalAid(reporter, suite.server.url, { ...short, narrative: long });
    await reporter.close();

    const admin = demoLogins(suite.server.logs()).get('demo-legal');
    if (!admin) throw new Error('no demo login for demo-legal');
    const page = await suite.browser.newPage({ viewport: { width: 360, height: 740 } });
    await signInAndUnlock(page, suite.server.url, admin);
    const sheets = page.locator('.intake-sheet');
    await sheets.nth(1).waitFor();
    const ids = await sheets.evaluateAll((all) =>
      all.map((s) => (s as HTMLElement).dataset.report),
    );
    expect(ids).toHaveLength(2);

    const pageCounts: number[] = [];
    for (const [i, id] of ids.entries()) {
      // Marked as the button marks it, then printed. The view can be drawn again meanwhile on a
      // busy machine (the sheets are replaced by new ones, none marked, and the page prints
      // blank), so the print counts only if the marked sheet was still on the page after it.
      let texts: string[] = [];
      for (let attempt = 0; attempt < 5; attempt++) {
        await page.evaluate((reportId) => {
          document.body.classList.add('print-one');
          document
            .querySelector(`.intake-sheet[data-report="${reportId}"]`)
            ?.classList.add('to-print');
        }, id);
        const pdf = await page.pdf({ format: 'A5' });
        const kept = await page.evaluate(() => {
          const marked = document.querySelectorAll('.to-print').length === 1;
          document.body.classList.remove('print-one');
          for (const s of document.querySelectorAll('.to-print')) s.classList.remove('to-print');
          return marked;
        });
        texts = pdfPageTexts(pdf).map(squeezed);
        if (kept) break;
      }
      pageCounts.push(texts.length);
      texts.forEach((text, p) => {
        expect(text, `sheet ${i + 1}, page ${p + 1}`).toContain(
          squeezed(`Ficha de admisión · Reporte ${id}`),
        );
        expect(text, `sheet ${i + 1}, page ${p + 1}`).toContain(
          squeezed(`Página ${p + 1} de ${texts.length}`),
        );
        // Only this sheet's report is on its pages.
        const other = ids.find((x) => x !== id) ?? '';
        expect(text).not.toContain(other);
      });
    }
    // The long sheet runs over more than one page: those pages are named too.
    expect(Math.max(...pageCounts)).toBeGreaterThan(1);
  }, 180_000);
});
