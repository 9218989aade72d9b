import { notLandedCommand } from './not-landed';

export const startCommand = notLandedCommand({
  name: 'start',
  usage: 'start [--port 8080] [--host 127.0.0.1]',
  summary: 'the workbench server; embedded sandbox unless an API key is given',
  flags: [
    { name: 'port', value: 'PORT', description: 'port to listen on (default 8080)' },
    { name: 'host', value: 'HOST', description: 'address to bind (default 127.0.0.1)' },
  ],
  maxPositionals: 0,
  part: 'the workbench (issue 9)',
  needs: ['startServer'],
});
