/** Array functions (iml-functions.md §9). */
import { runTable, Row } from './table';

const contacts = [
  { name: 'bob', email: 'b@x', label: 'work', sender: { name: 'Z' } },
  { name: 'Alice', email: 'a@x', label: 'home', sender: { name: 'A' } },
  { name: 'alice', email: 'a2@x', label: 'other', sender: { name: 'M' } },
  { name: 'Bob', email: 'B@x', label: 'work', sender: { name: 'C' } },
];
const ctx = {
  nums: [3, 1, 2],
  words: ['b', 'a', 'C', 'c', 'A', 'B'],
  dups: [1, '1', 1, 2, 2, 'a', 'a'],
  nested: [1, [2, [3, [4]]]],
  contacts,
  people: [
    { name: 'Bob', age: 22 },
    { name: 'Tim', age: 23 },
  ],
  coll: { key1: 'value1', key2: 'value2' },
  objs: [{ a: 1 }, { a: 1 }, { a: 2 }],
  empty: [],
  mixed: [2, null, 'b', 1, 'a'],
};

const rows: Row[] = [
  { t: '{{add(nums, 4, 5)}}', out: [3, 1, 2, 4, 5] },
  { t: '{{add(empty, nums)}}', out: [[3, 1, 2]], name: 'add appends an array as one value' },
  { t: '{{arrayDiff(nums, split("2", ","))}}', out: [3, 1, 2], name: 'arrayDiff compares strictly' },
  { t: '{{arrayDiff(nums, merge(2))}}', out: [3, 1] },
  { t: '{{arrayIntersect(nums, merge(2, 3, 9))}}', out: [3, 2] },
  { t: '{{contains(nums, 2)}}', out: true },
  { t: "{{contains(nums, '2')}}", out: false, name: 'array contains is strict' },
  { t: '{{contains(objs, get(objs, 3))}}', out: true, name: 'contains compares collections deeply' },
  { t: '{{deduplicate(dups)}}', out: [1, '1', 2, 'a'] },
  { t: '{{distinct(dups)}}', out: [1, '1', 2, 'a'] },
  {
    t: '{{distinct(objs)}}',
    out: [{ a: 1 }, { a: 2 }],
    name: 'decision: distinct compares collections deeply',
  },
  {
    t: "{{distinct(contacts, 'label')}}",
    out: [contacts[0], contacts[1], contacts[2]],
    name: 'distinct by key keeps the first',
  },
  { t: "{{distinct(contacts, 'sender.name')}}", out: contacts, name: 'distinct by nested key' },
  { t: '{{first(nums)}}', out: 3 },
  { t: '{{first(empty)}}', out: undefined },
  { t: '{{last(nums)}}', out: 2 },
  { t: '{{last(empty)}}', out: undefined },
  { t: '{{flatten(nested)}}', out: [1, 2, [3, [4]]], name: 'decision: flatten depth defaults to 1' },
  { t: '{{flatten(nested, 2)}}', out: [1, 2, 3, [4]] },
  { t: '{{flatten(nested, 10)}}', out: [1, 2, 3, 4] },
  { t: "{{join(nums, ', ')}}", out: '3, 1, 2' },
  { t: "{{join(nums, '')}}", out: '312' },
  { t: '{{join(nums)}}', out: '3,1,2', name: 'decision: join defaults to ","' },
  { t: "{{join(people, ';')}}", out: '{"name":"Bob","age":22};{"name":"Tim","age":23}' },
  { t: '{{keys(coll)}}', out: ['key1', 'key2'] },
  { t: '{{keys(nums)}}', out: ['1', '2', '3'], name: 'decision: keys of an array are its 1-based positions' },
  { t: '{{length(nums)}}', out: 3 },
  { t: '{{length(empty)}}', out: 0 },
  { t: "{{map(contacts, 'email')}}", out: ['b@x', 'a@x', 'a2@x', 'B@x'] },
  { t: "{{map(contacts, 'email', 'label', 'work,home')}}", out: ['b@x', 'a@x', 'B@x'] },
  { t: "{{map(contacts, 'email', 'label', 'work')}}", out: ['b@x', 'B@x'] },
  { t: "{{map(contacts, 'sender.name')}}", out: ['Z', 'A', 'M', 'C'] },
  { t: "{{map(contacts, 'missing')}}", out: [], name: 'decision: map skips missing values' },
  { t: "{{first(map(people, 'age', 'name', 'Tim'))}}", out: 23, name: 'lookup pattern first(map(…))' },
  { t: "{{map(people, 'age', 'age', '22')}}", out: [22], name: 'filter values match as text' },
  { t: '{{merge(nums, empty, nums)}}', out: [3, 1, 2, 3, 1, 2] },
  { t: "{{merge(nums, 'x')}}", out: [3, 1, 2, 'x'], name: 'decision: merge appends non-arrays' },
  { t: "{{remove(words, 'a', 'b')}}", out: ['C', 'c', 'A', 'B'] },
  { t: '{{remove(nums, 1)}}', out: [3, 2] },
  { t: '{{reverse(nums)}}', out: [2, 1, 3] },
  { t: '{{length(shuffle(nums))}}', out: 3 },
  { t: '{{sort(shuffle(nums))}}', out: [1, 2, 3], name: 'shuffle keeps the elements' },
  { t: '{{slice(nums, 1)}}', out: [1, 2], name: 'slice is 0-based' },
  { t: '{{slice(nums, 0, 2)}}', out: [3, 1], name: 'slice end is exclusive' },
  { t: '{{slice(nums, -1)}}', out: [2] },
  { t: '{{sort(nums)}}', out: [1, 2, 3] },
  { t: "{{sort(nums, 'desc')}}", out: [3, 2, 1] },
  { t: '{{sort(words)}}', out: ['A', 'B', 'C', 'a', 'b', 'c'], name: 'asc: upper case first' },
  { t: "{{sort(words, 'desc')}}", out: ['c', 'b', 'a', 'C', 'B', 'A'] },
  { t: "{{sort(words, 'asc ci')}}", out: ['A', 'a', 'B', 'b', 'C', 'c'] },
  { t: "{{sort(words, 'desc ci')}}", out: ['c', 'C', 'b', 'B', 'a', 'A'] },
  {
    t: "{{map(sort(contacts, 'name'), 'name')}}",
    out: ['Alice', 'Bob', 'alice', 'bob'],
    name: 'sort(array; key)',
  },
  { t: "{{map(sort(contacts, 'desc', 'name'), 'name')}}", out: ['bob', 'alice', 'Bob', 'Alice'] },
  { t: "{{map(sort(contacts, 'asc ci', 'name'), 'name')}}", out: ['Alice', 'alice', 'Bob', 'bob'] },
  {
    t: "{{map(sort(contacts, 'sender.name'), 'email')}}",
    out: ['a@x', 'B@x', 'a2@x', 'b@x'],
    name: 'sort by nested key',
  },
  { t: '{{sort(mixed)}}', out: [1, 2, 'a', 'b', null], name: 'decision: numbers, then texts, empties last' },
  { t: "{{sort(mixed, 'desc')}}", out: ['b', 'a', 2, 1, null] },
  { t: "{{sort(nums, 'up', 'x')}}", err: "unknown order 'up'" },
  {
    t: '{{toArray(coll)}}',
    out: [
      { key: 'key1', value: 'value1' },
      { key: 'key2', value: 'value2' },
    ],
  },
  { t: '{{toArray(nums)}}', out: [3, 1, 2], name: 'toArray of an array is the array' },
  { t: "{{toCollection(people, 'name', 'age')}}", out: { Bob: 22, Tim: 23 } },
  {
    t: "{{toCollection(toArray(coll), 'key', 'value')}}",
    out: ctx.coll,
    name: 'toCollection inverts toArray',
  },
  { t: '{{first(null)}}', out: null, name: 'empty in, empty out' },
  { t: '{{sort(missing)}}', out: undefined },
  { t: "{{sort('abc')}}", err: 'sort: expected an array, got text "abc"', col: 3 },
  { t: "{{map(coll, 'a')}}", err: 'map: expected an array, got a collection' },
];

runTable('array functions', rows, { dialect: 'app', ctx });

const scenario: Row[] = [
  { t: '{{map( 1.Emails[] ; email )}}', out: ['a@x', 'b@x'], name: 'map over a mapped array item' },
  { t: '{{map( 1.Emails ; email ; label ; work,home )}}', out: ['a@x', 'b@x'] },
  { t: '{{map(1.Emails;email;label;work)}}', out: ['a@x'] },
  {
    t: '{{sort( 1.Emails ; desc ; email )}}',
    out: [
      { email: 'b@x', label: 'home' },
      { email: 'a@x', label: 'work' },
    ],
  },
  {
    t: '{{distinct( 1.Emails ; label )}}',
    out: [
      { email: 'a@x', label: 'work' },
      { email: 'b@x', label: 'home' },
    ],
  },
  { t: '{{join(map(1.Emails; email); space)}}', out: 'a@x b@x' },
  { t: '{{length(emptyarray)}}', out: 0 },
];
runTable('array functions, scenario dialect', scenario, {
  dialect: 'scenario',
  ctx: {
    1: {
      Emails: [
        { email: 'a@x', label: 'work' },
        { email: 'b@x', label: 'home' },
      ],
    },
  },
});
