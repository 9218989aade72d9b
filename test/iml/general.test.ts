/** General functions (iml-functions.md §5), documented examples first. */
import { runTable, Row } from './table';

const ctx = {
  arr: ['a', 'b', 'c', 'd', { raw_name: 'fifth' }],
  obj: { raw_name: 'v', sub: { sub_raw_name: 'nested' }, 'with space': 1 },
  user: { name: 'Ada', email: 'a@x.io', password: 'secret' },
  body: { id: 150, user: 'ada', data: { xml: 'X', json: 'J', 'some property': 'sp' }, username: '' },
  parameters: { fieldName: 'id' },
};

const scenario: Row[] = [
  { t: '{{if(1=1;A;B)}}', out: 'A' },
  { t: '{{if(1=2;A;B)}}', out: 'B' },
  { t: '{{if( 1 = 2 and 1 = 2 ; A ; B )}}', out: 'B' },
  { t: '{{if( 1 = 1 and 2 = 2 ; A ; B )}}', out: 'A' },
  { t: '{{if( 1 = 2 or 2 = 2 ; A ; B )}}', out: 'A' },
  { t: '{{ifempty(A;B)}}', out: 'A' },
  { t: '{{ifempty(1.unknown;B)}}', out: 'B', ctx: { 1: {} }, name: 'ifempty of an unmapped item' },
  { t: '{{ifempty("";B)}}', out: 'B' },
  { t: '{{switch(B;A;1;B;2;C;3)}}', out: 2 },
  { t: '{{switch(C;A;1;B;2;C;3)}}', out: 3 },
  { t: '{{switch(X;A;1;B;2;C;3;4)}}', out: 4 },
  { t: '{{switch(X;A;1;B;2)}}', out: undefined, name: 'decision: switch without match or else is undefined' },
  { t: '{{switch(1;"1";one;2;two)}}', out: 'one', name: 'scenario switch compares a number with its text' },
  { t: '{{omit(1.user; password)}}', out: { name: 'Ada', email: 'a@x.io' }, ctx: { 1: { user: ctx.user } } },
  {
    t: '{{pick(1.user; password; email)}}',
    out: { password: 'secret', email: 'a@x.io' },
    ctx: { 1: { user: ctx.user } },
  },
  { t: '{{get(1.arr;1+1)}}', out: 'b', ctx: { 1: ctx }, name: 'get with a computed 1-based index' },
  { t: '{{get(1.obj;raw_name)}}', out: 'v', ctx: { 1: ctx } },
  { t: '{{get(1.obj;sub.sub_raw_name)}}', out: 'nested', ctx: { 1: ctx } },
  {
    t: '{{mergeCollections(1.a; 1.b)}}',
    out: { x: 1, y: 3, z: 4 },
    ctx: { 1: { a: { x: 1, y: 2 }, b: { y: 3, z: 4 } } },
  },
  { t: '{{equal(1.a; 1.b)}}', out: true, ctx: { 1: { a: { x: [1] }, b: { x: [1] } } } },
  { t: '{{equal(1; 2)}}', out: false },
];

const app: Row[] = [
  { t: '{{if(body.id > 100, body.user, false)}}', out: 'ada' },
  { t: '{{if(body.id > 200, body.user, false)}}', out: false },
  { t: '{{if(false, 1)}}', out: undefined, name: 'if without else' },
  { t: '{{if(true, 1, unknownFunctionIsNotCalled)}}', out: 1, name: 'if evaluates only the chosen branch' },
  { t: '{{ifempty(body.username, body.user)}}', out: 'ada' },
  { t: '{{ifempty(body.missing, "d")}}', out: 'd' },
  { t: '{{ifempty(null, "d")}}', out: 'd' },
  { t: '{{ifempty(0, "d")}}', out: 0, name: 'decision: 0 is not empty' },
  { t: '{{ifempty(false, "d")}}', out: false, name: 'decision: false is not empty' },
  { t: "{{ifempty(' ', 'd')}}", out: ' ', name: 'decision: whitespace is not empty' },
  { t: '{{get(body.data, "some property")}}', out: 'sp' },
  { t: '{{get(body, parameters.fieldName)}}', out: 150 },
  { t: "{{get(body.data, if(body.xml == true, 'xml', 'json'))}}", out: 'J' },
  { t: "{{get(arr, '5.raw_name')}}", out: 'fifth', name: 'path through a 1-based index' },
  { t: "{{get(arr, '-1.raw_name')}}", out: 'fifth', name: 'negative index in a path' },
  { t: '{{get(arr, 2)}}', out: 'b' },
  { t: "{{get(obj, 'missing.x')}}", out: undefined, name: 'decision: a missing path is undefined' },
  { t: "{{get(obj, 'constructor')}}", out: undefined, name: 'get never reaches prototypes' },
  { t: "{{get(obj, '__proto__')}}", out: undefined },
  { t: "{{get(null, 'a')}}", out: undefined },
  { t: "{{switch('b', 'a', 1, 'b', 2)}}", out: 2 },
  { t: "{{switch(1, '1', 'one', 'other')}}", out: 'other', name: 'app switch is strict' },
  { t: "{{omit(user, 'password', 'email')}}", out: { name: 'Ada' } },
  { t: "{{omit(user, 'nope')}}", out: ctx.user },
  { t: "{{pick(user, 'name')}}", out: { name: 'Ada' } },
  { t: "{{pick(user, 'nope')}}", out: {} },
  { t: "{{omit(null, 'a')}}", out: null, name: 'decision: empty in, empty out' },
  { t: "{{pick(missing, 'a')}}", out: undefined },
];

runTable('general functions, scenario dialect', scenario, { dialect: 'scenario', ctx: {} });
runTable('general functions, app dialect', app, { dialect: 'app', ctx });
