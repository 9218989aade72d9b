/**
 * Activities export jobs (reference §c.4, §h14). POST makes a `pending` job; the first GET at least a second
 * later (at once with a fixed clock) finishes it: the matching activities are written as CSV into a .zip kept
 * in the database, `file_url` points at the sandbox's own download route, and `expires_at` is seven days after
 * completion. A job never fails.
 */
import { sql, type Store } from '../../store/context';
import { isoOffset } from '../../lib/time';
import { ACTIVITY_KEYS, ActivityContext, activityView } from '../views/activities';
import { activitiesPage, type ActivityFilter, type PageStart } from './query';
import { zipOneFile } from './zip';

const WEEK_MS = 7 * 86_400_000;
const PROCESSING_MS = 1_000;
const CHUNK = 1_000;

export interface ExportRow {
  id: string;
  activity_type: string | null;
  start_at: number | null;
  end_at: number | null;
  created_at: number;
  created_real: number;
  completed_at: number | null;
  expires_at: number | null;
}

export function createExport(store: Store, filter: ActivityFilter): ExportRow {
  const row: ExportRow = {
    id: store.ids.uuid(),
    activity_type: filter.type ?? null,
    start_at: filter.from ?? null,
    end_at: filter.to ?? null,
    created_at: store.clock.now(),
    created_real: Date.now(),
    completed_at: null,
    expires_at: null,
  };
  sql(
    store.db,
    `INSERT INTO analytics_exports (id, activity_type, start_at, end_at, created_at, created_real)
     VALUES (@id, @activity_type, @start_at, @end_at, @created_at, @created_real)`,
  ).run(row);
  return row;
}

export function findExport(store: Store, id: string): ExportRow | undefined {
  return sql(
    store.db,
    `SELECT id, activity_type, start_at, end_at, created_at, created_real, completed_at, expires_at
     FROM analytics_exports WHERE id = ?`,
  ).get(id) as ExportRow | undefined;
}

/** `2020-01-01 00:00:00 +0000`, as the job's params echo dates. */
function paramDate(ms: number | null): string | null {
  return ms === null
    ? null
    : new Date(ms)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d{3}Z$/, ' +0000');
}

export function exportView(row: ExportRow, fileUrl: (id: string) => string): Record<string, unknown> {
  const done = row.completed_at !== null;
  return {
    id: row.id,
    status: done ? 'succeeded' : 'pending',
    file_url: done ? fileUrl(row.id) : null,
    params: {
      kind: 'activities',
      params: {
        activity_type: row.activity_type,
        start_date: paramDate(row.start_at),
        end_date: paramDate(row.end_at),
      },
    },
    expires_at: isoOffset(row.expires_at),
    created_at: isoOffset(row.created_at),
  };
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Every activity of the job's filter, oldest first, as CSV with the API's keys for a header. */
export function exportCsv(store: Store, row: ExportRow): Buffer {
  const filter: ActivityFilter = {
    type: row.activity_type ?? undefined,
    from: row.start_at ?? undefined,
    to: row.end_at ?? undefined,
    descending: false,
  };
  const ctx = new ActivityContext(store);
  const lines: string[] = [ACTIVITY_KEYS.join(',')];
  let start: PageStart | undefined;
  for (;;) {
    const page = activitiesPage(store, filter, start, CHUNK);
    for (const m of page) {
      const view = activityView(m, ctx);
      lines.push(ACTIVITY_KEYS.map((k) => csvCell(view[k])).join(','));
    }
    if (page.length < CHUNK) break;
    const last = page[page.length - 1];
    start = { at: last.at, id: last.id, inclusive: false };
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

/** Finishes a pending job once it has been "processing" long enough; returns the row as it now is. */
export function finishIfDue(store: Store, row: ExportRow): ExportRow {
  if (row.completed_at !== null) return row;
  if (!store.clock.fixed && Date.now() - row.created_real < PROCESSING_MS) return row;
  const completed = store.clock.now();
  const file = zipOneFile('activities.csv', exportCsv(store, row), completed);
  const done = { ...row, completed_at: completed, expires_at: completed + WEEK_MS };
  sql(store.db, 'UPDATE analytics_exports SET completed_at = ?, expires_at = ?, file = ? WHERE id = ?').run(
    done.completed_at,
    done.expires_at,
    file,
    row.id,
  );
  return done;
}

/** The finished export's archive, unless it is unknown, unfinished or expired. */
export function exportFile(store: Store, id: string): Buffer | undefined {
  const row = sql(store.db, 'SELECT file, expires_at FROM analytics_exports WHERE id = ?').get(id) as
    { file: Buffer | null; expires_at: number | null } | undefined;
  if (!row?.file || row.expires_at === null || store.clock.now() > row.expires_at) return undefined;
  return row.file;
}
