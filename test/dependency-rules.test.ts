// DESIGN.md's dependency rules: imports only point one way between the parts of runtime/, and the
// sandbox never imports the runtime. A new import against them fails here, naming the file.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');

/** What each part may import besides itself, errors.ts and types/ (leaves every part may import). */
const ALLOWED: Record<string, readonly string[]> = {
  errors: [],
  types: [],
  iml: [],
  functions: ['iml'],
  definitions: ['iml', 'functions'],
  parameters: ['iml'],
  communication: ['iml', 'parameters', 'definitions (types only)'],
  scenario: ['communication', 'iml'],
  index: ['definitions', 'functions', 'iml', 'parameters', 'communication', 'scenario', 'server', 'sandbox'],
  cli: ['index'],
  server: ['index'],
  sandbox: [],
};
const LEAVES = new Set(['errors', 'types']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** The part a file belongs to: runtime/<folder>, runtime/errors|index, or sandbox. */
function partOf(file: string): string {
  const [top, second] = path.relative(ROOT, file).split(path.sep);
  if (top !== 'runtime') return top;
  return second.replace(/\.(ts|js)$/, '');
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
  file: string;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(type\s+)?[^'";]*?\bfrom\s+'(\.[^']+)'|\brequire\('(\.[^']+)'\)/g;

function importsOf(file: string): Import[] {
  const from = partOf(file);
  return [...fs.readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => ({
    from,
    to: partOf(path.resolve(path.dirname(file), m[2] ?? m[3])),
    typeOnly: m[1] !== undefined,
    file: path.relative(ROOT, file),
  }));
}

function breaks(i: Import): boolean {
  if (i.to === i.from) return false;
  if (i.from === 'sandbox') return i.to in ALLOWED; // an emulator of the API, not a part of the runtime
  if (LEAVES.has(i.to)) return false;
  const allowed = ALLOWED[i.from] ?? [];
  return !allowed.includes(i.to) && !(i.typeOnly && allowed.includes(`${i.to} (types only)`));
}

const files = [...sourceFiles(path.join(ROOT, 'runtime')), ...sourceFiles(path.join(ROOT, 'sandbox'))];

test('every import follows DESIGN.md’s dependency rules', () => {
  const broken = files.flatMap(importsOf).filter(breaks);
  expect(broken.map((i) => `${i.file}: ${i.from} imports ${i.to}${i.typeOnly ? ' (types)' : ''}`)).toEqual(
    [],
  );
});

test('the rules are checked on real imports (the scan finds the cross-part ones)', () => {
  const found = new Set(files.flatMap(importsOf).map((i) => `${i.from}>${i.to}`));
  for (const edge of ['cli>index', 'server>index', 'scenario>communication', 'communication>parameters'])
    expect(found).toContain(edge);
});

test.each([
  ['runtime/cli/x.ts', '../scenario/history/mask', false, 'refused'],
  ['runtime/scenario/x.ts', '../definitions/app-dir', false, 'refused'],
  ['runtime/communication/x.ts', '../scenario', false, 'refused'],
  ['sandbox/x.ts', '../runtime/errors', false, 'refused'],
  ['runtime/communication/x.ts', '../definitions', false, 'refused'],
  ['runtime/communication/x.ts', '../definitions', true, 'allowed'],
  ['runtime/scenario/x.ts', '../errors', false, 'allowed'],
])('%s importing %s (types only: %s) is %s', (file, spec, typeOnly, verdict) => {
  const from = partOf(path.join(ROOT, file));
  const to = partOf(path.resolve(path.dirname(path.join(ROOT, file)), spec));
  expect(breaks({ from, to, typeOnly, file })).toBe(verdict === 'refused');
});
