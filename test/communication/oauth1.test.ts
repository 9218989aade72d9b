/**
 * Make's `oauth` request directive (OAuth 1.0a, RFC 5849) over real HTTP: a loopback provider
 * verifies every request with its own verifier (oauth1-verifier.ts), which is first pinned to the
 * RFC's and Twitter's published examples, so the signer and the verifier cannot agree on a mistake.
 */
import crypto from 'node:crypto';
import util from 'node:util';
import { runModule } from '../../runtime/communication';
import { signatureBaseString, signOAuth1 } from '../../runtime/communication/oauth1';
import { Secrets } from '../../runtime/communication/sanitize';
import { createMasker } from '../../runtime/scenario/history/mask';
import type { OutgoingRequest } from '../../runtime/communication/http';
import type { JsonObject } from '../../runtime/types/app';
import { API, makeApp, Recorded, startTestServer, TestServer } from './helpers';
import { authorizationPairs, verify, Keys } from './oauth1-verifier';

function recorded(method: string, url: string, headers: Record<string, string>, body = ''): Recorded {
  const u = new URL(url);
  return {
    method,
    url: u.pathname + u.search,
    path: u.pathname,
    query: u.searchParams,
    headers: { host: u.host, ...headers },
    body,
  };
}

// Twitter's developer docs, "Creating a signature" (the signing key and the result it publishes).
const TWITTER = {
  url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
  body: 'status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21',
  consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
  consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
  tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
  timestamp: '1318622958',
  signature: 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=',
};
// OAuth Core 1.0, Appendix A.5 (the photos example).
const PHOTOS = {
  url: 'http://photos.example.net/photos?file=vacation.jpg&size=original',
  consumerKey: 'dpf43f3p2l4k3l03',
  consumerSecret: 'kd94hf93k423kf44',
  token: 'nnch734d00sl2jdk',
  tokenSecret: 'pfkkdhi9sl3r4s00',
  nonce: 'kllo9940pd9333jh',
  timestamp: '1191242096',
  signature: 'tR3+Ty81lMeYAr/Fid0kMTYa/WM=',
};
// RFC 5849 §3.4.1.1: the request and the base string the RFC derives from it.
const RFC_BASE =
  'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7';

const header = (pairs: Record<string, string>) =>
  'OAuth ' +
  Object.entries(pairs)
    .map(([k, v]) => `${k}="${encodeURIComponent(v)}"`)
    .join(', ');

describe('the test provider’s verifier, pinned to published examples', () => {
  test('RFC 5849 §3.4.1.1: its base string is the RFC’s, realm and signature left out', () => {
    const req = recorded(
      'POST',
      'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b',
      {
        'content-type': 'application/x-www-form-urlencoded',
        authorization:
          'OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_token="kkk9d7dh3k39sjv7", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="7d8f3e4a", oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"',
      },
      'c2&a3=2+q',
    );
    expect(verify(req, {}).base).toBe(RFC_BASE);
  });

  test('Twitter’s published signature verifies; one changed byte of the body does not', () => {
    const auth = header({
      oauth_consumer_key: TWITTER.consumerKey,
      oauth_nonce: TWITTER.nonce,
      oauth_signature: TWITTER.signature,
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: TWITTER.timestamp,
      oauth_token: TWITTER.token,
      oauth_version: '1.0',
    });
    const keys = { consumerSecret: TWITTER.consumerSecret, tokenSecret: TWITTER.tokenSecret };
    const headers = { 'content-type': 'application/x-www-form-urlencoded', authorization: auth };
    expect(verify(recorded('POST', TWITTER.url, headers, TWITTER.body), keys, 'https').ok).toBe(true);
    const tampered = TWITTER.body.replace('Ladies', 'LadieS');
    expect(verify(recorded('POST', TWITTER.url, headers, tampered), keys, 'https')).toMatchObject({
      ok: false,
      reason: 'signature mismatch',
    });
  });

  test('OAuth Core 1.0 A.5’s signature verifies; the wrong token secret does not', () => {
    const auth = header({
      realm: 'http://photos.example.net/',
      oauth_consumer_key: PHOTOS.consumerKey,
      oauth_token: PHOTOS.token,
      oauth_signature_method: 'HMAC-SHA1',
      oauth_signature: PHOTOS.signature,
      oauth_timestamp: PHOTOS.timestamp,
      oauth_nonce: PHOTOS.nonce,
      oauth_version: '1.0',
    });
    const req = recorded('GET', PHOTOS.url, { authorization: auth });
    expect(verify(req, { consumerSecret: PHOTOS.consumerSecret, tokenSecret: PHOTOS.tokenSecret }).ok).toBe(
      true,
    );
    expect(verify(req, { consumerSecret: PHOTOS.consumerSecret, tokenSecret: 'x' }).ok).toBe(false);
  });
});

describe('the signer, pinned to the same examples', () => {
  const sign = (out: OutgoingRequest, directive: JsonObject, fixed: { nonce: string; timestamp: string }) => {
    signOAuth1(out, directive, new Secrets(), fixed);
    return Object.fromEntries(authorizationPairs(out.headers.Authorization));
  };

  test('RFC 5849 §3.4.1.1: the base string of the RFC’s decoded parameters', () => {
    const pairs: [string, string][] = [
      ['b5', '=%3D'],
      ['a3', 'a'],
      ['c@', ''],
      ['a2', 'r b'],
      ['c2', ''],
      ['a3', '2 q'],
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
    ];
    expect(signatureBaseString('post', 'HTTP://Example.com:80/request?ignored=1', pairs)).toBe(RFC_BASE);
  });

  test('Twitter’s request signs to Twitter’s published signature (form body and query signed)', () => {
    const out: OutgoingRequest = {
      method: 'POST',
      url: TWITTER.url,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: TWITTER.body,
    };
    const auth = sign(
      out,
      {
        consumer_key: TWITTER.consumerKey,
        consumer_secret: TWITTER.consumerSecret,
        token: TWITTER.token,
        token_secret: TWITTER.tokenSecret,
      },
      TWITTER,
    );
    expect(auth.oauth_signature).toBe(TWITTER.signature);
    expect(out.body).toBe(TWITTER.body);
    expect(out.url).toBe(TWITTER.url);
  });

  test('OAuth Core A.5’s request signs to its published signature', () => {
    const out: OutgoingRequest = { method: 'GET', url: PHOTOS.url, headers: {} };
    const auth = sign(
      out,
      {
        consumer_key: PHOTOS.consumerKey,
        consumer_secret: PHOTOS.consumerSecret,
        token: PHOTOS.token,
        token_secret: PHOTOS.tokenSecret,
      },
      PHOTOS,
    );
    expect(auth).toMatchObject({ oauth_signature: PHOTOS.signature, oauth_version: '1.0' });
  });

  test('PLAINTEXT (RFC 5849 §3.4.4): the encoded secrets joined by &, as in the RFC’s §1.2', () => {
    const out: OutgoingRequest = { method: 'POST', url: 'https://photos.example.net/initiate', headers: {} };
    const auth = sign(
      out,
      {
        consumer_key: PHOTOS.consumerKey,
        consumer_secret: PHOTOS.consumerSecret,
        signature_method: 'PLAINTEXT',
      },
      PHOTOS,
    );
    expect(auth.oauth_signature).toBe('kd94hf93k423kf44&');
    expect(out.headers.Authorization).toContain('oauth_signature="kd94hf93k423kf44%26"');
  });
});

describe('the oauth directive over HTTP, verified by the provider', () => {
  const CONSUMER_SECRET = 'cs_SECRET_consumer_4242';
  const TOKEN_SECRET = 'ts_SECRET_token_4242';
  const TOKEN = 'tok_ACCESS_token_4242';
  const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  const PRIVATE_KEY = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  let server: TestServer;
  let keys: Keys;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests = [];
    keys = { consumerSecret: CONSUMER_SECRET, tokenSecret: TOKEN_SECRET, publicKey: rsa.publicKey };
    server.handle = (req) => {
      const v = verify(req, keys);
      return v.ok ? { body: { ok: true, params: v.params } } : { status: 401, body: { error: v.reason } };
    };
  });

  const BASE_OAUTH = {
    consumer_key: '{{common.consumerKey}}',
    consumer_secret: '{{common.consumerSecret}}',
    token: '{{connection.token}}',
    token_secret: '{{connection.tokenSecret}}',
  };
  const appWith = (communication: JsonObject, type: 'action' | 'search' = 'action') =>
    makeApp({
      base: { baseUrl: API, oauth: BASE_OAUTH, response: { error: { message: '{{body.error}}' } } },
      common: { consumerKey: 'ck_consumer', consumerSecret: CONSUMER_SECRET, privateKey: PRIVATE_KEY },
      modules: [
        { id: 'm', type, communication: { response: { output: '{{body}}' }, ...communication } as never },
      ],
    });
  const run = (app: ReturnType<typeof appWith>, extra: Record<string, unknown> = {}) =>
    runModule(app, 'm', {
      target: server.url,
      connection: { token: TOKEN, tokenSecret: TOKEN_SECRET },
      retry: false,
      ...extra,
    });
  const paramsOf = (r: { bundles: unknown[] }) =>
    (r.bundles[0] as { params: Record<string, string[]> }).params;

  test('HMAC-SHA1 in the header signs a query of awkward values (spaces, +, /, &, =, unicode, repeats, empty)', async () => {
    const qs = { q: "a b+c/d&e=f*!'()~ä€", list: ['two', 'one'], empty: '' };
    const r = await run(appWith({ url: '/v1/search', qs }));
    const params = paramsOf(r);
    expect(params).toMatchObject({
      q: [qs.q],
      list: ['two', 'one'],
      empty: [''],
      oauth_consumer_key: ['ck_consumer'],
      oauth_token: [TOKEN],
      oauth_signature_method: ['HMAC-SHA1'],
      oauth_version: ['1.0'],
    });
    expect(params.oauth_timestamp[0]).toMatch(/^\d+$/);
    expect(server.requests[0].headers.authorization).toMatch(/^OAuth /);
  });

  test('a form body is signed with the query; the body travels unchanged', async () => {
    const body = { note: 'x + y = z & more', n: 3 };
    const r = await run(appWith({ url: '/v1/notes?from=url', method: 'POST', type: 'urlencoded', body }));
    expect(paramsOf(r)).toMatchObject({ note: [body.note], n: ['3'], from: ['url'] });
    expect(new URLSearchParams(server.requests[0].body).get('oauth_signature')).toBeNull();
  });

  test('every request gets its own nonce (pagination: each page is signed)', async () => {
    server.handle = (req, n) => {
      const v = verify(req, keys);
      if (!v.ok) return { status: 401, body: { error: v.reason } };
      return { body: { items: [n], nonce: v.params.oauth_nonce[0], more: n < 3 } };
    };
    const r = await run(
      appWith(
        {
          url: '/v1/list',
          response: { iterate: '{{body.items}}', output: '{{item}}' },
          pagination: { qs: { page: '{{body.items[1] + 1}}' }, condition: '{{body.more}}' },
        },
        'search',
      ),
    );
    expect(r.bundles.map((b) => b.value)).toEqual([1, 2, 3]);
    const nonces = server.requests.map(
      (q) => Object.fromEntries(authorizationPairs(q.headers.authorization as string)).oauth_nonce,
    );
    expect(new Set(nonces).size).toBe(3);
  });

  test('a retry is signed again: a provider that refuses a seen nonce (RFC 5849 §3.3) takes it', async () => {
    const nonces = new Set<string>();
    server.handle = (req, n) => {
      const v = verify(req, keys);
      const nonce = v.params.oauth_nonce?.[0] ?? '';
      if (!v.ok || nonces.has(nonce)) return { status: 401, body: { error: v.reason ?? 'nonce used' } };
      nonces.add(nonce);
      return n === 1 ? { status: 503, body: { error: 'busy' } } : { body: { ok: true, params: v.params } };
    };
    const r = await run(appWith({ url: '/v1/x', qs: { a: '1' } }), {
      retry: { minDelayMs: 5, maxDelayMs: 20 },
    });
    expect(server.requests).toHaveLength(2);
    expect(nonces.size).toBe(2);
    expect(paramsOf(r).a).toEqual(['1']);
    // The retry carries one Authorization, not the first attempt's beside a new one.
    expect(
      authorizationPairs(server.requests[1].headers.authorization as string).filter(
        ([k]) => k === 'oauth_nonce',
      ),
    ).toHaveLength(1);
  });

  test.each(['PLAINTEXT', 'HMAC-SHA256'])('%s signs as the provider expects', async (method) => {
    const r = await run(appWith({ url: '/v1/x', oauth: { signature_method: method } }));
    expect(paramsOf(r).oauth_signature_method).toEqual([method]);
  });

  test('RSA-SHA1 signs with private_key; the provider verifies with the public key', async () => {
    const r = await run(
      appWith({
        url: '/v1/x',
        oauth: { signature_method: 'RSA-SHA1', private_key: '{{common.privateKey}}' },
      }),
    );
    expect(paramsOf(r).oauth_signature_method).toEqual(['RSA-SHA1']);
  });

  test('transport_method query puts the protocol parameters in the URL, body in a form body', async () => {
    let r = await run(appWith({ url: '/v1/x', qs: { a: '1' }, oauth: { transport_method: 'query' } }));
    expect(server.requests[0].headers.authorization).toBeUndefined();
    expect(server.requests[0].query.get('oauth_signature')).toBeTruthy();
    expect(paramsOf(r).a).toEqual(['1']);
    r = await run(
      appWith({
        url: '/v1/x',
        method: 'POST',
        type: 'urlencoded',
        body: { b: '2' },
        oauth: { transport_method: 'body' },
      }),
    );
    expect(server.requests[1].headers.authorization).toBeUndefined();
    expect(new URLSearchParams(server.requests[1].body).get('oauth_consumer_key')).toBe('ck_consumer');
    expect(paramsOf(r).b).toEqual(['2']);
  });

  test('body_hash: true sends oauth_body_hash, the SHA-1 of a JSON body, inside the signature', async () => {
    const r = await run(
      appWith({ url: '/v1/x', method: 'POST', body: { a: 1 }, oauth: { body_hash: true } }),
    );
    const sent = server.requests[0].body;
    expect(paramsOf(r).oauth_body_hash).toEqual([crypto.createHash('sha1').update(sent).digest('base64')]);
  });

  test('a signature the provider refuses fails the module (the verifier is not a rubber stamp)', async () => {
    keys.tokenSecret = 'not-the-secret';
    await expect(run(appWith({ url: '/v1/x' }))).rejects.toThrow('signature mismatch');
  });

  test('a dry run without the connection’s values still renders the signed request', async () => {
    const r = await runModule(appWith({ url: '/v1/x' }), 'm', { target: server.url, dryRun: true });
    expect(r.requests[0].headers.Authorization).toBe('***');
    expect(server.requests).toHaveLength(0);
  });

  test('a directive that cannot sign is an error naming its field', async () => {
    await expect(run(appWith({ url: '/v1/x', oauth: { transport_method: 'body' } }))).rejects.toThrow(
      /oauth\.transport_method "body" needs a POST/,
    );
    await expect(run(appWith({ url: '/v1/x', oauth: { signature_method: 'RSA-SHA1' } }))).rejects.toThrow(
      'oauth.private_key is needed for RSA-SHA1',
    );
    await expect(run(appWith({ url: '/v1/x', oauth: { signature_method: 'MD5' } }))).rejects.toThrow(
      /oauth\.signature_method: "MD5" is not one of/,
    );
    expect(server.requests).toHaveLength(0);
  });

  test('consumer_secret, token_secret, private_key, the token and a PLAINTEXT signature never show', async () => {
    const FORBIDDEN = [
      CONSUMER_SECRET,
      TOKEN_SECRET,
      TOKEN,
      PRIVATE_KEY,
      encodeURIComponent(CONSUMER_SECRET),
    ];
    const events: unknown[] = [];
    const shown: unknown[] = [];
    const plaintext = { signature_method: 'PLAINTEXT', transport_method: 'query' };
    // The provider echoes what it received, and (a debugging provider) the keys it expected.
    server.handle = (req) => {
      const got = `${req.url} ${String(req.headers.authorization)}`;
      const key = got.includes('RSA-SHA1') ? PRIVATE_KEY : '';
      return { status: 500, body: { error: `${got} expected ${CONSUMER_SECRET} ${TOKEN_SECRET} ${key}` } };
    };
    const logger = (e: unknown) => events.push(e);
    await run(appWith({ url: '/v1/x', oauth: plaintext }), { logger }).catch((e: unknown) => shown.push(e));
    await run(appWith({ url: '/v1/x' }), { logger }).catch((e: unknown) => shown.push(e));
    const rsa1 = { signature_method: 'RSA-SHA1', private_key: '{{common.privateKey}}' };
    await run(appWith({ url: '/v1/x', oauth: rsa1 }), { logger }).catch((e: unknown) => shown.push(e));
    shown.push(await run(appWith({ url: '/v1/x', oauth: plaintext }), { dryRun: true }));
    shown.push(await run(appWith({ url: '/v1/x' }), { dryRun: true }));
    expect(shown).toHaveLength(5);
    expect(server.requests[0].url).toContain(encodeURIComponent(`${CONSUMER_SECRET}&${TOKEN_SECRET}`));
    const text = [...events, ...shown]
      .map(
        (v) =>
          util.inspect(v, { depth: Infinity, showHidden: true }) +
          JSON.stringify(v, v instanceof Error ? Object.getOwnPropertyNames(v) : undefined),
      )
      .join('\n');
    expect(text).toContain('***');
    for (const secret of FORBIDDEN) expect(text).not.toContain(secret);
  });
});

describe('OAuth 1 credentials in the run history', () => {
  test('the history masker cuts a connection’s consumer secret, private key and saved token pair out of any text', () => {
    const values = {
      consumerSecret: 'cs_history_SECRET_1',
      privateKey: 'pk_history_PRIVATE_2',
      oauthToken: 'tok_history_TOKEN_3',
      oauthTokenSecret: 'ts_history_SECRET_4',
    };
    const mask = createMasker({
      consumerKey: 'ck_public_id',
      consumerSecret: values.consumerSecret,
      privateKey: values.privateKey,
      data: { oauth_token: values.oauthToken, oauth_token_secret: values.oauthTokenSecret },
    });
    const stored = JSON.stringify(
      mask({ note: `sent ${Object.values(values).join(' & ')} for ck_public_id` }),
    );
    for (const secret of Object.values(values)) expect(stored).not.toContain(secret);
    expect(stored).toContain('sent ******** & ********');
  });
});
