/**
 * The cross-file checks, run once makecomapp.json is valid. Files that failed their own schema are
 * still passed (with `valid: false`), so a check must not assume a file's shape. To add a check: a
 * file in this folder exporting a `DefinitionCheck`, and one line below.
 */
import type { NamedCheck } from '../loaded';
import { componentIdsValid } from './component-ids';
import { connectionsExist } from './connections-exist';
import { groupsNameModules } from './groups-name-modules';
import { oauthRequestsValid } from './oauth-requests';
import { rpcReferencesResolve } from './rpc-references';
import { searchModulesIterate } from './search-iterates';
import { templatesCompile } from './templates-compile';
import { triggerPartsHold } from './trigger-parts';

export const CHECKS: NamedCheck[] = [
  { name: 'component-ids', run: componentIdsValid },
  { name: 'connections-exist', run: connectionsExist },
  { name: 'rpc-references', run: rpcReferencesResolve },
  { name: 'search-iterates', run: searchModulesIterate },
  { name: 'groups-name-modules', run: groupsNameModules },
  { name: 'oauth-requests', run: oauthRequestsValid },
  { name: 'templates-compile', run: templatesCompile },
  { name: 'trigger-parts', run: triggerPartsHold },
];
