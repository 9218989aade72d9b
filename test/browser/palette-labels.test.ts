/**
 * The palette's module labels in a narrow sidebar (1024 px): a label wraps between words only, never
 * inside one ("Subscripti-on"), and nothing is cut off; the type tag stays whole beside or under it.
 */
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { useBuilderSession } from './builder-session';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A label's span as the page sees it: its one text node and its box. */
interface LabelSpan {
  firstChild: { textContent: string };
  scrollWidth: number;
  clientWidth: number;
}

interface LabelLayout {
  label: string;
  /** The places where a line ends between two word characters, as "before|after". */
  midWordBreaks: string[];
  overflows: boolean;
}

/** Each palette label's line breaks, read from the rectangles of its characters. */
function labelLayouts(page: Page): Promise<LabelLayout[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('#module-groups .module-item > span:first-child')].map(
      (span: LabelSpan) => {
        const text = span.firstChild;
        const label: string = text.textContent;
        const range = document.createRange();
        const tops: number[] = [];
        for (let i = 0; i < label.length; i++) {
          range.setStart(text, i);
          range.setEnd(text, i + 1);
          tops.push(range.getClientRects()[0]?.top ?? tops[i - 1] ?? 0);
        }
        const midWordBreaks: string[] = [];
        for (let i = 1; i < label.length; i++) {
          const newLine = tops[i] > tops[i - 1] + 1;
          if (newLine && /\w/.test(label[i - 1]) && /\w/.test(label[i]))
            midWordBreaks.push(`${label.slice(0, i)}|${label.slice(i)}`);
        }
        return { label, midWordBreaks, overflows: span.scrollWidth > span.clientWidth };
      },
    ),
  );
}

describe('palette labels in Chromium', () => {
  let page: Page;

  useBuilderSession({ prefix: 'workbench-palette-' }, (opened) => {
    page = opened.page;
  });

  test.each([1024, 1440])('at %i px wide no label breaks inside a word or is cut off', async (width) => {
    await page.setViewportSize({ width, height: 900 });
    const layouts = await labelLayouts(page);
    // The ChartMogul app's long names are there to be measured.
    expect(layouts.map((l) => l.label)).toEqual(
      expect.arrayContaining(['Watch MRR Movements', 'Update a Subscription Event']),
    );
    await screenshot(page, `palette-${width}`);
    expect(layouts.filter((l) => l.midWordBreaks.length || l.overflows)).toEqual([]);
  });
});
