/** The command registry loads a command's module when asked for it, under the command's own name. */
import { allCommands, COMMAND_NAMES, findCommand } from '../../runtime/cli/commands/registry';

test('every listed name loads the command of that name, in the help’s order', () => {
  expect(allCommands().map((c) => c.name)).toEqual(COMMAND_NAMES);
  for (const name of COMMAND_NAMES) expect(findCommand(name)?.name).toBe(name);
});

test('a name that is no command (an Object property included) finds none', () => {
  for (const name of ['nope', 'constructor', 'toString', '__proto__'])
    expect(findCommand(name)).toBeUndefined();
});
