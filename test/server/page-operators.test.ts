/**
 * The workbench page offers every filter operator the scenario runner supports, and only those: the
 * page's list (runtime/server/public/js/operators.js, browser code) is read and compared with the runner's.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OPERATORS } from '../../runtime/scenario/operators';

const PAGE_FILE = path.resolve(__dirname, '../../runtime/server/public/js/operators.js');

/** The page module is browser ES module code: a child node process imports it and prints the list. */
function pageOperators(): string[] {
  const script = `import(${JSON.stringify(pathToFileURL(PAGE_FILE).href)}).then((m) => process.stdout.write(JSON.stringify(m.OPERATOR_GROUPS.flatMap((g) => g.operators))))`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  );
}

test('the filter editor lists exactly the runner’s operators, each once', () => {
  const offered = pageOperators();
  expect(new Set(offered).size).toBe(offered.length);
  expect([...offered].sort()).toEqual([...OPERATORS.keys()].sort());
});
