import type { Problem } from '../../types/app';
import { didYouMean } from '../did-you-mean';
import { collectStrings } from '../json-pointer';
import type { LoadedDefinitions } from '../loaded';
import { definedComponents } from './manifest-pointers';

const RPC_SCHEME = 'rpc://';

/** The RPC id an `rpc://id` or `rpc://id?x={{y}}` reference names. */
export function rpcIdOf(reference: string): string {
  return reference.slice(RPC_SCHEME.length).split('?')[0]!;
}

/**
 * Every `rpc://` reference in every definition file (options, options.store, nested, dynamic fields,
 * samples, rpc.url …) names an RPC of makecomapp.json.
 */
export function rpcReferencesResolve(loaded: LoadedDefinitions): Problem[] {
  const rpcIds = definedComponents(loaded, 'rpc').map(([id]) => id);
  const known = new Set(rpcIds);
  const problems: Problem[] = [];
  for (const file of loaded.files) {
    if (file.value === undefined) continue;
    for (const { value, pointer } of collectStrings(file.value)) {
      if (!value.startsWith(RPC_SCHEME)) continue;
      const id = rpcIdOf(value);
      if (known.has(id)) continue;
      problems.push({
        file: file.path,
        pointer,
        message: `\`${value}\` names no RPC of makecomapp.json${didYouMean(id, rpcIds)}`,
      });
    }
  }
  return problems;
}
