/** Every command of `chartmogul-connector`, in the order `--help` lists them. One line per command. */
import type { Command } from '../command';
import { connectionCommand } from './connection';
import { functionsCommand } from './functions';
import { historyCommand } from './history';
import { hooksCommand } from './hooks';
import { triggerCommand } from './trigger';
import { imlCommand } from './iml';
import { modulesCommand } from './modules';
import { rpcCommand } from './rpc';
import { rpcsCommand } from './rpcs';
import { runCommand } from './run';
import { sandboxCommand } from './sandbox';
import { scenarioCommand } from './scenario';
import { startCommand } from './start';
import { validateCommand } from './validate';

export const COMMANDS: Command[] = [
  startCommand,
  sandboxCommand,
  modulesCommand,
  rpcsCommand,
  runCommand,
  rpcCommand,
  connectionCommand,
  scenarioCommand,
  historyCommand,
  hooksCommand,
  triggerCommand,
  validateCommand,
  functionsCommand,
  imlCommand,
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
