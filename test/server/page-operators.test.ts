/**
 * The workbench page offers every filter operator the scenario runner supports, and only those: the
 * page's list (runtime/server/public/js/operators.js, browser code) is read and compared with the runner's.
 */
import { OPERATORS } from '../../runtime/scenario/operators';
import { inPageModule } from './page-module';

function pageOperators(): string[] {
  return inPageModule('operators.js', 'm.OPERATOR_GROUPS.flatMap((g) => g.operators)');
}

test('the filter editor lists exactly the runner’s operators, each once', () => {
  const offered = pageOperators();
  expect(new Set(offered).size).toBe(offered.length);
  expect([...offered].sort()).toEqual([...OPERATORS.keys()].sort());
});
