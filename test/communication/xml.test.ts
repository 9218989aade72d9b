/**
 * `response.type: xml` and `automatic` XML over loopback HTTP, in Make's documented shape: every
 * element is an array (the root too), `_value` is the text of a node with attributes,
 * `_attributes.<name>` its attributes. The cases the docs leave open are pinned here and recorded in
 * docs/decisions.md "Engine".
 */
import { runModule } from '../../runtime/communication';
import { RuntimeError } from '../../runtime/errors';
import { makeApp, opts, startTestServer, TestServer } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const xmlReply =
  (xml: string, contentType = 'application/xml') =>
  () => ({
    headers: { 'content-type': contentType },
    body: xml,
  });

const app = makeApp({
  modules: [
    { id: 'asXml', communication: { url: '/v1/x', response: { type: 'xml', output: '{{body}}' } } as never },
    { id: 'automatic', communication: { url: '/v1/x', response: { output: { body: '{{body}}' } } } as never },
    {
      id: 'firstText',
      communication: {
        url: '/v1/x',
        response: { type: 'xml', output: { text: '{{body.data[].text[]}}' } },
      } as never,
    },
    {
      id: 'attributes',
      communication: {
        url: '/v1/x',
        response: {
          type: 'xml',
          output: {
            value: '{{body.data[].text[]._value}}',
            foo: '{{body.data[].text[]._attributes.foo}}',
          },
        },
      } as never,
    },
    {
      id: 'items',
      type: 'search',
      communication: {
        url: '/v1/x',
        response: {
          type: 'xml',
          iterate: '{{body.data[].items[].item}}',
          output: { name: '{{item.name[]}}' },
        },
      } as never,
    },
  ],
});

const body = async (moduleId: string, xml: string, contentType?: string) => {
  server.handle = xmlReply(xml, contentType);
  return (await runModule(app, moduleId, opts(server))).bundles[0];
};

describe("response.type xml: Make's documented shape", () => {
  test('every node is an array, the root included; body.data[].text[] reads the text', async () => {
    const xml = '<data>\n  <text>Hello, world</text>\n</data>';
    expect(await body('asXml', xml)).toEqual({ data: [{ text: ['Hello, world'] }] });
    expect(await body('firstText', xml)).toEqual({ text: 'Hello, world' });
  });

  test('a node with attributes: its text is _value, its attributes _attributes.<name>', async () => {
    const xml = '<data><text foo="bar">Hello, world</text></data>';
    expect(await body('asXml', xml)).toEqual({
      data: [{ text: [{ _attributes: { foo: 'bar' }, _value: 'Hello, world' }] }],
    });
    expect(await body('attributes', xml)).toEqual({ value: 'Hello, world', foo: 'bar' });
  });

  test("nested nodes: iterate over the repeated element, whatever the parent's attributes", async () => {
    server.handle = xmlReply(
      '<data><items length="2"><item><name>Foo</name></item><item><name>Bar</name></item></items></data>',
    );
    const result = await runModule(app, 'items', opts(server));
    expect(result.bundles.map((b) => b.name)).toEqual(['Foo', 'Bar']);
  });

  test('values stay strings; an empty element is "", an empty one with attributes has _value ""', async () => {
    expect(await body('asXml', '<r><n>42</n><flag>true</flag><e/><a id="1"/></r>')).toEqual({
      r: [{ n: ['42'], flag: ['true'], e: [''], a: [{ _attributes: { id: '1' }, _value: '' }] }],
    });
  });

  test('text around child elements: indentation dropped, real text kept trimmed as _value', async () => {
    expect(await body('asXml', '<r>\n  total:\n  <n>1</n>\n</r>')).toEqual({
      r: [{ n: ['1'], _value: 'total:' }],
    });
    expect(await body('asXml', '<r>\n  <n> spaced </n>\n</r>')).toEqual({ r: [{ n: [' spaced '] }] });
  });

  test('CDATA and character references become text; comments, processing instructions and the declaration are dropped', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><!-- note --><r><?pi data?><c><![CDATA[<b>1 & 2</b>]]></c>' +
      '<t>a &amp; b &lt;c&gt; &#233;&#x4E2D;</t></r>';
    expect(await body('asXml', xml)).toEqual({ r: [{ c: ['<b>1 & 2</b>'], t: ['a & b <c> é中'] }] });
  });

  test('namespaces: prefixed names are kept as written, xmlns declarations are attributes', async () => {
    const xml =
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><m:ok xmlns:m="urn:x">1</m:ok></soap:Body></soap:Envelope>';
    expect(await body('asXml', xml)).toEqual({
      'soap:Envelope': [
        {
          _attributes: { 'xmlns:soap': 'http://schemas.xmlsoap.org/soap/envelope/' },
          'soap:Body': [{ 'm:ok': [{ _attributes: { 'xmlns:m': 'urn:x' }, _value: '1' }] }],
        },
      ],
    });
  });
});

describe('response.type xml: safety and errors', () => {
  test('entities declared in a DTD are never expanded, internal or external (no XXE, no entity bombs)', async () => {
    const xml =
      '<!DOCTYPE r [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY xxe SYSTEM "file:///etc/hostname">]><r><x>&b;</x><y>&xxe;</y></r>';
    expect(await body('asXml', xml)).toEqual({ r: [{ x: ['&b;'], y: ['&xxe;'] }] });
  });

  test('an element named __proto__ is data, not a prototype', async () => {
    const parsed = (await body('asXml', '<r><__proto__><polluted>yes</polluted></__proto__></r>')) as {
      r: Record<string, unknown>[];
    };
    expect(Object.getOwnPropertyNames(parsed.r[0])).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('malformed XML on a 2xx is a RuntimeError naming the problem', async () => {
    server.handle = xmlReply('<r><open></r>');
    const err = await runModule(app, 'asXml', opts(server)).catch((e) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect(err.message).toMatch(/^The response is not valid XML \(HTTP 200\): /);
  });

  test.each([
    ['<error><message>Plan not found</message><code>7</code></error>', '[400] Plan not found'],
    ['<error>Plan not found</error>', '[400] Plan not found'],
    ['<response><errors lang="en">Plan not found</errors></response>', '[400] Plan not found'],
    ['<Fault><faultstring>boom</faultstring></Fault>', '[400] {"Fault":[{"faultstring":["boom"]}]}'],
  ])('an XML error body without a message in the definition: %s', async (xml, message) => {
    server.handle = () => ({ status: 400, headers: { 'content-type': 'application/xml' }, body: xml });
    const err = await runModule(app, 'automatic', opts(server)).catch((e) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect(err.message).toBe(message);
  });

  test('malformed XML on an error status keeps the text for the error message', async () => {
    server.handle = () => ({ status: 500, headers: { 'content-type': 'text/xml' }, body: 'Internal <oops' });
    const err = await runModule(app, 'automatic', opts(server)).catch((e) => e);
    expect(err.message).toBe('[500] Internal <oops');
  });
});

describe('response.type automatic: XML by Content-Type', () => {
  test.each(['application/xml', 'text/xml', 'text/xml; charset=utf-8', 'Application/XML'])(
    '%s is parsed as XML',
    async (contentType) => {
      expect(await body('automatic', '<r><a>1</a></r>', contentType)).toEqual({
        body: { r: [{ a: ['1'] }] },
      });
    },
  );

  test('other +xml types (Atom, SOAP 1.2) stay text, as Make recognises only application/xml and text/xml', async () => {
    expect(await body('automatic', '<feed/>', 'application/atom+xml')).toEqual({ body: '<feed/>' });
  });
});
