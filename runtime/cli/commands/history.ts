import { notLandedCommand } from './not-landed';

export const historyCommand = notLandedCommand({
  name: 'history',
  usage: 'history [RUN] [--retry]',
  summary: 'lists runs, shows one, retries its due incomplete executions',
  flags: [{ name: 'retry', description: 'retry the due incomplete executions' }],
  maxPositionals: 1,
  part: 'the scenario runner (issue 8)',
  needs: ['listRuns', 'getRun', 'retryIncomplete'],
});
