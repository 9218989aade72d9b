import { notLandedCommand } from './not-landed';

export const connectionCommand = notLandedCommand({
  name: 'connection',
  usage: 'connection test',
  summary: 'verifies the connection and prints its label',
  flags: [],
  maxPositionals: 1,
  part: 'the engine (issue 4)',
  needs: ['verifyConnection'],
});
