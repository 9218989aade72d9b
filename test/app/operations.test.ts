// docs/operations.md is the table of every ChartMogul operation and what covers it. This test fails when a
// row names a module that does not exist or does not send that method to that path, when a row's cover is
// not one of the kinds the table explains, and when a module of the app is missing from the table.
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR, moduleFiles, moduleIds, Param, walkParams } from './helpers/definitions';

interface Row {
  n: number;
  method: string;
  path: string;
  cover: string;
}

function readTable(): Row[] {
  const text = fs.readFileSync(path.join(APP_DIR, 'docs', 'operations.md'), 'utf8');
  return text
    .split('\n')
    .filter((line) => /^\| \d+ \|/.test(line))
    .map((line) => {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      return { n: Number(cells[0]), method: cells[3], path: cells[4].replace(/`/g, ''), cover: cells[5] };
    });
}

const rows = readTable();

/** The Triggers table: `| \`watchX\` | GET | \`/v1/…\` | … |`. */
function readTriggers(): { id: string; method: string; path: string }[] {
  const text = fs.readFileSync(path.join(APP_DIR, 'docs', 'operations.md'), 'utf8');
  return text
    .split('\n')
    .filter((line) => /^\| `watch[A-Za-z]+` \|/.test(line))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      return { id: cells[1].replace(/`/g, ''), method: cells[2], path: cells[3].replace(/`/g, '') };
    });
}
const triggers = readTriggers();
const MODULE_COVER = /^`([A-Za-z0-9]+)`(?: \(.+\))?$/;
const FILTER_COVER = /^filter: `([A-Za-z0-9]+)` \(([^)]+)\)/;

/** The requests of a module: one object or Make's array of requests. */
function requests(id: string): Record<string, unknown>[] {
  const comm = moduleFiles(id).communication as unknown;
  return (Array.isArray(comm) ? comm : [comm]) as Record<string, unknown>[];
}

/**
 * Whether a module's URL template sends to a table path: `{x}` in the table matches any `{{…}}` segment;
 * a written-out segment matches itself, or a `{{parameters.p}}` segment whose select offers that value.
 */
function sendsTo(id: string, method: string, tablePath: string): boolean {
  const params = walkParams(moduleFiles(id).params).map((w) => w.param);
  const want = tablePath.split('/');
  return requests(id).some((req) => {
    if (String(req.method ?? 'GET') !== method) return false;
    const have = String(req.url).split('/');
    if (have.length !== want.length) return false;
    return want.every((seg, i) => {
      const mine = have[i];
      if (/^\{[a-z_]+\}$/.test(seg)) return /^\{\{.+\}\}$/.test(mine);
      if (mine === seg) return true;
      const ref = /^\{\{parameters\.([a-z_]+)\}\}$/.exec(mine);
      const p = ref && params.find((x: Param) => x.name === ref[1]);
      return Array.isArray(p?.options) && (p.options as { value: unknown }[]).some((o) => o.value === seg);
    });
  });
}

test('the table is numbered 1… in order, one row per operation', () => {
  expect(rows.length).toBeGreaterThan(90);
  expect(rows.map((r) => r.n)).toEqual(rows.map((_, i) => i + 1));
  for (const r of rows) {
    expect({ n: r.n, method: r.method }).toEqual({
      n: r.n,
      method: expect.stringMatching(/^(GET|POST|PUT|PATCH|DELETE)$/),
    });
    expect({ n: r.n, path: r.path }).toEqual({ n: r.n, path: expect.stringMatching(/^\/v1\//) });
  }
});

test.each(rows.map((r) => [r.n, r.method, r.path, r.cover] as const))(
  'row %i: %s %s is covered by %s',
  (_n, method, tablePath, cover) => {
    const module = MODULE_COVER.exec(cover);
    const filter = FILTER_COVER.exec(cover);
    if (module && module[1] !== 'makeApiCall') {
      expect(moduleIds()).toContain(module[1]);
      expect(sendsTo(module[1], method, tablePath)).toBe(true);
    } else if (filter) {
      expect(moduleIds()).toContain(filter[1]);
      const labels = moduleFiles(filter[1]).params.map((p) => p.label);
      expect(labels).toContain(filter[2]);
    } else if (!module) {
      expect(cover).toMatch(/^connection: /);
    }
  },
);

test('every module but Make an API Call covers at least one row, or is a trigger of the Triggers table', () => {
  const named = new Set([
    ...rows.map((r) => MODULE_COVER.exec(r.cover)?.[1]).filter(Boolean),
    ...triggers.map((t) => t.id),
  ]);
  expect(moduleIds().filter((id) => id !== 'makeApiCall' && !named.has(id))).toEqual([]);
});

test.each(triggers.map((t) => [t.id, t.method, t.path] as const))(
  'trigger %s reads %s %s',
  (id, method, tablePath) => {
    if (method === '—') {
      expect(moduleFiles(id).entry.moduleType).toBe('instant_trigger'); // nothing is polled
      return;
    }
    expect(moduleFiles(id).entry.moduleType).toBe('trigger');
    expect(sendsTo(id, method, tablePath)).toBe(true);
  },
);

// Operations left to Make an API Call (none: each has its module).
const PENDING: number[] = [];

test('no operation is left to Make an API Call', () => {
  expect(rows.filter((r) => r.cover === '`makeApiCall`').map((r) => r.n)).toEqual(PENDING);
});

test('the checker catches a module that sends elsewhere', () => {
  expect(sendsTo('getCustomer', 'GET', '/v1/customers/{uuid}')).toBe(true);
  expect(sendsTo('getCustomer', 'PATCH', '/v1/customers/{uuid}')).toBe(false);
  expect(sendsTo('getCustomer', 'GET', '/v1/plans/{uuid}')).toBe(false);
  expect(sendsTo('listCustomers', 'GET', '/v1/customers/search')).toBe(false);
});
