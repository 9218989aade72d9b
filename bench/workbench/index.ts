/**
 * The workbench canvas in headless Chromium (playwright-core, /usr/bin/chromium): how long a scenario
 * takes to appear after an import, how long a re-render takes (selecting a module redraws the canvas),
 * and the frame times while a module is dragged across the canvas — for a 50-module scenario (routes
 * and error handlers included), beside a 5-module one and the idle page (frames with nothing to do)
 * in the same run. Frame times are the intervals between animation frames the page itself records.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startServer } from '../../runtime/server';
import { median } from '../harness';

const CHROMIUM = '/usr/bin/chromium';
const APP_DIR = path.resolve(__dirname, '../../..');
const APP_ROOT = existsSync(path.join(APP_DIR, 'makecomapp.json'))
  ? APP_DIR
  : path.resolve(__dirname, '../..');

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any
declare const performance: { now(): number };
declare function requestAnimationFrame(f: (t: number) => void): number;

type Node = Record<string, unknown>;
const app = (id: number, module: string, extra: Node = {}): Node => ({
  id,
  module: `app#chartmogul:${module}`,
  version: 1,
  parameters: {},
  mapper: module === 'listCustomers' ? { limit: 1 } : { customer_uuid: '{{1.uuid}}' },
  ...extra,
});

/**
 * `n` modules: a main flow, a router with three routes, every fifth module with an error handler
 * (its directive counts as a module too, as the canvas draws it).
 */
function scenario(n: number): { name: string; flow: Node[] } {
  let id = 1;
  const next = () => id++;
  const chain = (count: number): Node[] => {
    const list: Node[] = [];
    while (list.length < count && id <= n) {
      const own = next();
      const handled = own % 5 === 0 && id <= n;
      list.push(
        app(
          own,
          own === 1 ? 'listCustomers' : 'getCustomer',
          handled ? { onerror: [{ id: next(), module: 'builtin:Ignore', version: 1 }] } : {},
        ),
      );
    }
    return list;
  };
  if (n < 10) return { name: `${n} modules`, flow: chain(n) };
  const main = chain(Math.floor(n * 0.4));
  const router: Node = { id: next(), module: 'builtin:BasicRouter', version: 1, mapper: null, routes: [] };
  const per = Math.ceil((n - id + 1) / 3);
  router.routes = [0, 1, 2].map(() => ({ flow: chain(per) }));
  return { name: `${n} modules`, flow: [...main, router] };
}

const countNodes = (flow: Node[]): number =>
  flow.reduce(
    (sum, node) =>
      sum +
      1 +
      ((node.routes as { flow: Node[] }[] | undefined) ?? []).reduce((s, r) => s + countNodes(r.flow), 0) +
      countNodes((node.onerror as Node[] | undefined) ?? []),
    0,
  );

/** Starts recording the intervals between animation frames in the page. */
const startFrames = (page: Page) =>
  page.evaluate(() => {
    const w = globalThis as unknown as { frames?: number[]; recording?: boolean };
    w.frames = [];
    w.recording = true;
    let last = performance.now();
    const tick = (t: number) => {
      w.frames!.push(t - last);
      last = t;
      if (w.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
const stopFrames = (page: Page): Promise<number[]> =>
  page.evaluate(() => {
    const w = globalThis as unknown as { frames: number[]; recording: boolean };
    w.recording = false;
    return w.frames.slice(1);
  });

const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const ms = (x: number) => `${x.toFixed(1)} ms`;

interface Row {
  name: string;
  importMs: number;
  rerenderMs: number;
  dragFrames: number[];
}

/** Imports the blueprint and times it until the canvas shows every module, painted. */
async function importTime(page: Page, file: string, nodes: number): Promise<number> {
  await page.evaluate(() => {
    const input = document.querySelector('#blueprint-file');
    input.addEventListener(
      'change',
      () => ((globalThis as unknown as { t0: number }).t0 = performance.now()),
      {
        once: true,
        capture: true,
      },
    );
  });
  await page.setInputFiles('#blueprint-file', file);
  return page.evaluate(
    (want) =>
      new Promise<number>((resolve) => {
        const check = () => {
          if (document.querySelectorAll('#steps li.step').length >= want)
            requestAnimationFrame(() =>
              requestAnimationFrame(() =>
                resolve(performance.now() - (globalThis as unknown as { t0: number }).t0),
              ),
            );
          else requestAnimationFrame(check);
        };
        check();
      }),
    nodes,
  );
}

/** Selecting a module redraws the canvas, the settings and the inspector: median time to the next painted frame. */
async function rerenderTime(page: Page): Promise<number> {
  const times = await page.evaluate(async () => {
    const buttons = [...document.querySelectorAll('#steps .step-button')];
    const out: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      buttons[i % buttons.length].click();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      out.push(performance.now() - t0);
    }
    return out;
  });
  return median(times);
}

/** Drags module 2 over the canvas (HTML5 drag and drop with the mouse), recording frames. */
async function dragFrames(page: Page): Promise<number[]> {
  await page.click('#zoom-fit');
  const box = await page.locator('#steps li[data-step-id="2"] > .step-button').boundingBox();
  const area = await page.locator('#steps-area').boundingBox();
  if (!box || !area) throw new Error('nothing to drag');
  // Whether the page saw the drag start (else there would be nothing to measure).
  await page.evaluate(() => {
    const w = globalThis as unknown as { dragSeen: boolean };
    w.dragSeen = false;
    document.addEventListener('dragstart', () => (w.dragSeen = true), { once: true, capture: true });
  });
  await startFrames(page);
  await page.mouse.move(box.x + box.width / 2, box.y + 20);
  await page.mouse.down();
  for (let i = 0; i <= 60; i++) {
    const x = area.x + 20 + ((area.width - 40) * i) / 60;
    const y = area.y + 20 + ((area.height - 40) * ((i * 7) % 60)) / 60;
    await page.mouse.move(x, y, { steps: 2 });
  }
  await page.keyboard.press('Escape'); // the drag ends where it is, nothing dropped
  await page.mouse.up();
  const frames = await stopFrames(page);
  if (!(await page.evaluate(() => (globalThis as unknown as { dragSeen: boolean }).dragSeen)))
    throw new Error(`the page never saw the drag: nothing measured at ${JSON.stringify(box)}`);
  return frames;
}

export async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-workbench-'));
  const server = await startServer({
    port: 0,
    appDir: APP_ROOT,
    historyPath: path.join(tmp, 'history.db'),
    sandboxDbPath: path.join(tmp, 'sandbox.db'),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    await startFrames(page);
    await page.waitForTimeout(2000);
    const idle = await stopFrames(page);
    const rows: Row[] = [];
    for (const n of [5, 50]) {
      const blueprint = scenario(n);
      const file = path.join(tmp, `${n}.json`);
      writeFileSync(file, JSON.stringify(blueprint));
      const nodes = countNodes(blueprint.flow);
      const imports: number[] = [];
      for (let i = 0; i < 3; i++) imports.push(await importTime(page, file, nodes));
      rows.push({
        name: `${nodes} modules`,
        importMs: median(imports),
        rerenderMs: await rerenderTime(page),
        dragFrames: await dragFrames(page),
      });
    }
    const lines = [
      '| case | import → painted | re-render (select a module) | drag: frames | median frame | p95 frame | longest frame |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      `| baseline: idle page, 2 s | — | — | ${idle.length} | ${ms(median(idle))} | ${ms(p95(idle))} | ${ms(Math.max(...idle))} |`,
      ...rows.map(
        (r) =>
          `| ${r.name} | ${ms(r.importMs)} | ${ms(r.rerenderMs)} | ${r.dragFrames.length} | ${ms(median(r.dragFrames))} | ${ms(p95(r.dragFrames))} | ${ms(Math.max(...r.dragFrames))} |`,
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
