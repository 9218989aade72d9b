/**
 * Last line of defence for "no route ever returns the key": every JSON reply and every server-sent
 * event is serialized through here, and any key the server has held is masked, raw, JSON-escaped
 * or inside an HTTP Basic credential. The runtime already masks secrets; this guards against a
 * path that forgets.
 */
const MASK = '********';

function forms(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  const basic = [`${secret}:`, `${secret}:${secret}`].map((s) => Buffer.from(s).toString('base64'));
  return [...new Set([secret, escaped, encodeURIComponent(secret), ...basic])];
}

export function scrubSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue; // too short to mask without mangling ordinary text
    for (const form of forms(secret)) out = out.split(form).join(MASK);
  }
  return out;
}

/** Sends `value` as a JSON reply, scrubbed of every key the server has held. */
export function sendScrubbed(
  res: { status(code: number): { type(t: string): { send(body: string): unknown } } },
  status: number,
  value: unknown,
  secrets: string[],
): void {
  res
    .status(status)
    .type('application/json')
    .send(scrubSecrets(JSON.stringify(value ?? null), secrets));
}
