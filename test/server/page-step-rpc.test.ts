/**
 * What the page asks an RPC with (runtime/server/public/js/step-rpc.js, browser code run in a child
 * node process): the step's values its definition reads as `parameters.<name>`, mapped ones left out,
 * and the reference's query string on top (it wins, as in Make's form engine; `{{name}}` reads a field).
 */
import { inPageModule, js } from './page-module';

const RPCS = [
  {
    id: 'rpcFields',
    communication: {
      url: '/v1/fields',
      qs: { kind: '{{parameters.packaging}}', team: '{{parameters.team}}' },
    },
  },
];

const rpcValues = (node: unknown, ref: string) =>
  inPageModule<Record<string, unknown>>('step-rpc.js', `m.rpcValues(${js(node)}, ${js(ref)}, ${js(RPCS)})`);

test('the values the RPC reads, from parameters and mapper, set and not mapped', () => {
  const node = { parameters: { team: 4, other: 'x' }, mapper: { packaging: '{{1.kind}}', weight: 3 } };
  expect(rpcValues(node, 'rpc://rpcFields')).toEqual({ team: 4 });
  expect(rpcValues({ mapper: { packaging: 'box' } }, 'rpc://rpcFields')).toEqual({ packaging: 'box' });
});

test("the reference's query wins; {{name}} there reads the step's field, left out when unset or mapped", () => {
  const node = { parameters: { team: 4 }, mapper: { packaging: 'box', size: 'L', plan: '{{2.plan}}' } };
  expect(rpcValues(node, 'rpc://rpcFields?team=7&size={{size}}&plan={{plan}}&gone={{nothing}}')).toEqual({
    packaging: 'box',
    team: '7',
    size: 'L',
  });
  expect(rpcValues(node, 'rpc://rpcFields?team={{nothing}}')).toEqual({ packaging: 'box' });
  // Other IML the page cannot evaluate: left out rather than sent as text.
  expect(rpcValues(node, 'rpc://rpcFields?team={{add(1; 2)}}&note=a{{size}}')).toEqual({ packaging: 'box' });
});

test('the answers are kept per RPC and values, whatever order the values come in', () => {
  const sameKey = (a: unknown, b: unknown) =>
    inPageModule<boolean>(
      'rpc-calls.js',
      `m.keyOf('rpcFields', ${js(a)}) === m.keyOf('rpcFields', ${js(b)})`,
    );
  expect(sameKey({ team: 4, packaging: 'box' }, { packaging: 'box', team: 4 })).toBe(true);
  expect(sameKey({ team: 4 }, { team: '4' })).toBe(false);
  expect(sameKey({}, undefined)).toBe(true);
});
