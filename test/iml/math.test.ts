/** Math and JSON functions (iml-functions.md §6, make-format.md §7.4). */
import { runTable, Row } from './table';

const documented: Row[] = [
  { t: '{{abs( -5 )}}', out: 5 },
  { t: '{{abs( 5 )}}', out: 5 },
  { t: '{{abs( 0 )}}', out: 0 },
  { t: '{{abs( -3.7 )}}', out: 3.7 },
  { t: '{{ceil( 1.2 )}}', out: 2 },
  { t: '{{ceil( 4 )}}', out: 4 },
  { t: '{{floor( 1.2 )}}', out: 1 },
  { t: '{{floor( 1.9 )}}', out: 1 },
  { t: '{{floor( 4 )}}', out: 4 },
  { t: '{{formatNumber( 123456789 ; 3 ; , ; . )}}', out: '123.456.789,000' },
  { t: '{{median( 3; 5; 7 )}}', out: 5 },
  { t: '{{median( 2; 3; 5; 8 )}}', out: 4 },
  { t: '{{median( 2.5; 3.5; 2; 4.5; 1 )}}', out: 2.5 },
  {
    t: '{{parseNumber( 1 756,456 ; , )}}',
    out: 1756.456,
    name: 'decision: other separators are grouping marks',
  },
  { t: '{{round( 1.2 )}}', out: 1 },
  { t: '{{round( 1.5 )}}', out: 2 },
  { t: '{{round( 1.7 )}}', out: 2 },
  { t: '{{round( 2 )}}', out: 2 },
  { t: '{{stdevP( 1; 2; 3; 4; 5)}}', out: 1.4142135623730951 },
  { t: '{{stdevS( 1; 2; 3; 4; 5)}}', out: 1.5811388300841898 },
  { t: '{{trunc( 3.789)}}', out: 3 },
  { t: '{{trunc( 3.789; 2)}}', out: 3.78 },
  { t: '{{trunc( -3.789; 2 )}}', out: -3.78, name: 'trunc(-3.789; 2) — doc error corrected' },
  { t: '{{trunc( 123.456; -2 )}}', out: 100 },
  { t: '{{floor(random * 6) + 1 >= 1}}', out: true, name: 'dice roll formula' },
  {
    t: '{{floor(1.seconds / 3600)}}:{{floor((1.seconds % 3600) / 60)}}:{{((1.seconds % 3600) % 60)}}',
    out: '1:1:5',
    ctx: { 1: { seconds: 3665 } },
    name: 'seconds to h:m:s recipe',
  },
];

const app: Row[] = [
  { t: '{{round(-1.5)}}', out: -2, name: 'decision: halves round away from zero' },
  { t: '{{round(-1.4)}}', out: -1 },
  { t: "{{round('2.5')}}", out: 3, name: 'numeric text is a number' },
  { t: "{{round('x')}}", err: 'round: number must be a number, got text "x"' },
  { t: '{{round(null)}}', out: null },
  { t: '{{sum(1, 2, 3)}}', out: 6 },
  { t: "{{sum(split('1,2,3', ','))}}", out: 6, name: 'sum of one array of numeric texts' },
  { t: '{{sum()}}', out: 0 },
  { t: '{{average(2, 4)}}', out: 3 },
  { t: '{{average()}}', out: undefined },
  { t: '{{max(2, 9, 4)}}', out: 9 },
  { t: '{{min(2, 9, 4)}}', out: 2 },
  { t: "{{max(split('5,11,7', ','))}}", out: 11 },
  { t: '{{min()}}', out: undefined },
  { t: '{{sum(1, null, 2)}}', out: 3, name: 'decision: statistics skip empty values' },
  { t: "{{sum(1, 'a')}}", err: 'sum: not a number: a' },
  { t: '{{median(4)}}', out: 4 },
  { t: '{{stdevS(4)}}', out: undefined, name: 'sample deviation of one value is undefined' },
  { t: '{{formatNumber(1234.5, 2)}}', out: '1.234,50', name: 'default separators , and .' },
  { t: "{{formatNumber(1234.5, 2, '.', ',')}}", out: '1,234.50' },
  {
    t: "{{formatNumber(-1234567.891, 1, '.', ' ')}}",
    out: '-1 234 567.9',
    name: 'decision: formatNumber rounds; negatives keep the sign',
  },
  { t: '{{formatNumber(0.5, 0)}}', out: '1' },
  { t: '{{formatNumber(1, 500)}}', err: 'decimals must be between 0 and 100' },
  { t: "{{parseNumber('1,234.5')}}", out: 1234.5 },
  { t: "{{parseNumber('1.234,5', ',')}}", out: 1234.5 },
  { t: "{{parseNumber('-42')}}", out: -42 },
  { t: '{{parseNumber(7)}}', out: 7 },
  {
    t: "{{parseNumber('12abc')}}",
    err: 'parseNumber: cannot parse "12abc"',
    name: 'decision: unparseable text fails',
  },
  { t: "{{parseNumber('')}}", out: undefined },
  { t: '{{trunc(5.99, 0)}}', out: 5 },
  { t: '{{ceil(-1.5)}}', out: -1 },
  { t: '{{abs(x)}}', out: undefined, ctx: {} },
];

const json: Row[] = [
  { t: '{{createJSON(parameters)}}', out: '{"a":1,"b":[true,null],"c":"x"}' },
  { t: '{{createJSON(parameters.c)}}', out: '"x"' },
  { t: '{{createJSON(parameters.missing)}}', out: undefined },
  { t: '{{createJSON(now)}}', out: '"2020-01-01T00:00:00.000Z"', opts: { now: '2020-01-01T00:00:00Z' } },
  { t: "{{createJSON(toBinary('hi'))}}", out: '"hi"', name: 'binary data as its text' },
  { t: '{{parseJSON(\'{"x": [1, 2]}\')}}', out: { x: [1, 2] } },
  { t: '{{parseJSON(\'{"x": [1, 2]}\').x[2]}}', out: 2 },
  { t: "{{parseJSON('3')}}", out: 3 },
  { t: "{{parseJSON('')}}", out: undefined },
  { t: "{{parseJSON('{bad')}}", err: 'parseJSON:', col: 3 },
  { t: '{{parseJSON(createJSON(parameters))}}', out: { a: 1, b: [true, null], c: 'x' } },
];

runTable('math functions, documented examples (scenario dialect)', documented, {
  dialect: 'scenario',
  ctx: {},
});
runTable('math functions, app dialect', app, { dialect: 'app', ctx: {} });
runTable('JSON functions', json, { dialect: 'app', ctx: { parameters: { a: 1, b: [true, null], c: 'x' } } });
