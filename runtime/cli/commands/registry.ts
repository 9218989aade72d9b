/**
 * Every command of `chartmogul-connector`, in the order `--help` lists them. One line per command.
 * A command's module is loaded when the command is asked for: `run` does not load the other thirteen
 * (issue 23, the cold start); `--help` loads them all.
 */
import type { Command } from '../command';

type Commands = typeof import('./connection') &
  typeof import('./functions') &
  typeof import('./history') &
  typeof import('./hooks') &
  typeof import('./trigger') &
  typeof import('./iml') &
  typeof import('./modules') &
  typeof import('./rpc') &
  typeof import('./rpcs') &
  typeof import('./run') &
  typeof import('./sandbox') &
  typeof import('./scenario') &
  typeof import('./start') &
  typeof import('./validate');

const LOADERS: Record<string, () => Command> = {
  start: () => (require('./start') as Commands).startCommand,
  sandbox: () => (require('./sandbox') as Commands).sandboxCommand,
  modules: () => (require('./modules') as Commands).modulesCommand,
  rpcs: () => (require('./rpcs') as Commands).rpcsCommand,
  run: () => (require('./run') as Commands).runCommand,
  rpc: () => (require('./rpc') as Commands).rpcCommand,
  connection: () => (require('./connection') as Commands).connectionCommand,
  scenario: () => (require('./scenario') as Commands).scenarioCommand,
  history: () => (require('./history') as Commands).historyCommand,
  hooks: () => (require('./hooks') as Commands).hooksCommand,
  trigger: () => (require('./trigger') as Commands).triggerCommand,
  validate: () => (require('./validate') as Commands).validateCommand,
  functions: () => (require('./functions') as Commands).functionsCommand,
  iml: () => (require('./iml') as Commands).imlCommand,
};

export const COMMAND_NAMES: readonly string[] = Object.keys(LOADERS);

export function findCommand(name: string): Command | undefined {
  return Object.hasOwn(LOADERS, name) ? LOADERS[name]!() : undefined;
}

/** Every command, loaded (the global help lists them). */
export function allCommands(): Command[] {
  return COMMAND_NAMES.map((name) => findCommand(name)!);
}
