import { notLandedCommand } from './not-landed';

export const scenarioCommand = notLandedCommand({
  name: 'scenario',
  usage: 'scenario BLUEPRINT.json [--dry-run] [--every 15m]',
  summary: 'runs a Make blueprint once, or on a schedule',
  flags: [
    { name: 'dry-run', description: "validate the blueprint and render the first module's requests" },
    { name: 'every', value: 'INTERVAL', description: 'run on a schedule, e.g. 15m' },
  ],
  maxPositionals: 1,
  part: 'the scenario runner (issue 8)',
  needs: ['runScenario', 'scheduleScenario'],
});
