import { notLandedCommand } from './not-landed';

export const runCommand = notLandedCommand({
  name: 'run',
  usage: 'run MODULE [--param k=v]... [--params FILE|-] [--dry-run]',
  summary: 'runs one module and prints its bundles',
  flags: [
    {
      name: 'param',
      value: 'k=v',
      repeatable: true,
      description: 'a parameter value (JSON when it parses, else text)',
    },
    { name: 'params', value: 'FILE|-', description: 'a JSON object of parameter values (- = stdin)' },
    { name: 'dry-run', description: 'render the requests, send nothing' },
  ],
  maxPositionals: 1,
  part: 'the engine (issue 4)',
  needs: ['runModule'],
});
