import { notLandedCommand } from './not-landed';

export const rpcCommand = notLandedCommand({
  name: 'rpc',
  usage: 'rpc RPC [--param k=v]... [--params FILE|-]',
  summary: 'runs one RPC and prints its options',
  flags: [
    {
      name: 'param',
      value: 'k=v',
      repeatable: true,
      description: 'a parameter value (JSON when it parses, else text)',
    },
    { name: 'params', value: 'FILE|-', description: 'a JSON object of parameter values (- = stdin)' },
  ],
  maxPositionals: 1,
  part: 'the engine (issue 4)',
  needs: ['runRpc'],
});
