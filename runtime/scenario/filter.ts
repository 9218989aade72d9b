/**
 * Filters between modules: `conditions` is an OR-list of AND-lists of `{a, o, b}`; `a` and `b` are
 * scenario-dialect templates evaluated against the bundle's context, `o` names an operator.
 */
import type { BlueprintFilter } from './blueprint';
import { getOperator, UNARY_OPERATORS } from './operators';
import { mapValue, type MappingEnv } from './mapping';
import type { Bundle } from './types';

export function passesFilter(
  filter: BlueprintFilter,
  context: Record<string, Bundle>,
  env: MappingEnv,
): boolean {
  // An empty condition list lets everything through, as an unconfigured filter does in Make.
  if (filter.conditions.length === 0) return true;
  return filter.conditions.some((and) =>
    and.every((c) => {
      const op = getOperator(c.o);
      if (!op) return false; // buildScenario already rejected unknown operators
      const a = mapValue(c.a, context, env);
      const b = UNARY_OPERATORS.has(c.o) ? undefined : mapValue(c.b, context, env);
      return op(a, b, { timezone: env.timezone });
    }),
  );
}
