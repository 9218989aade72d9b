/**
 * The benchmark's templates: each IML template (app dialect) beside the equivalent @n8n/tournament
 * expression and a hand-written JavaScript function doing the same work on the same context.
 */
import { dayjs } from './dayjs';

export interface BenchCase {
  name: string;
  iml: unknown;
  /** A tournament template string, or an object of them (evaluated key by key, like IML does). */
  tournament: unknown;
  hand: (c: Ctx) => unknown;
}

export type Ctx = ReturnType<typeof makeContext>;

export function makeContext() {
  const entries = Array.from({ length: 200 }, (_x, i) => ({
    uuid: `cus_${i}`,
    name: `Customer ${i}`,
    mrr: i * 100,
  }));
  const items = Array.from({ length: 10_000 }, (_x, i) => ({
    id: i,
    name: `n${i}`,
    status: i % 3 ? 'active' : 'cancelled',
  }));
  return {
    parameters: {
      customer_uuid: 'cus_6f3e2a',
      data_source_uuid: 'ds_123',
      limit: 50,
      name: 'Ada Lovelace',
      email: 'ADA@Example.IO',
      tags: ['alpha', 'beta', 'gamma'],
      amount: 1234.5,
      status: 'active',
      when: new Date('2024-03-15T10:20:30.000Z'),
      'First Name': 'Ada',
      cursor: 'MjAyNC0wMy0xNQ==',
      missing: undefined as string | undefined,
    },
    body: { entries, has_more: true, cursor: 'next-cursor' },
    items,
    // Helpers for tournament, which has no date functions and resolves every name on the data.
    JSON,
    fmt: (d: Date, f: string) => dayjs.utc(d).format(f),
    fmtTz: (d: Date, f: string, tz: string) => dayjs(d).tz(tz).format(f),
    parse: (s: string, f: string) => dayjs.utc(s, f).toDate(),
    addDays: (d: Date, n: number) => dayjs.utc(d).add(n, 'day').toDate(),
  };
}

const empty = (v: unknown) => v === undefined || v === null || v === '';

export const CASES: BenchCase[] = [
  {
    name: 'property path',
    iml: '{{parameters.customer_uuid}}',
    tournament: '{{ parameters.customer_uuid }}',
    hand: (c) => c.parameters.customer_uuid,
  },
  {
    name: 'path with 1-based index',
    iml: '{{body.entries[2].uuid}}',
    tournament: '{{ body.entries[1].uuid }}',
    hand: (c) => c.body.entries[1].uuid,
  },
  {
    name: 'negative index',
    iml: '{{body.entries[-1].uuid}}',
    tournament: '{{ body.entries[body.entries.length - 1].uuid }}',
    hand: (c) => c.body.entries[c.body.entries.length - 1].uuid,
  },
  {
    name: 'URL (mixed text)',
    iml: '/v1/customers/{{parameters.customer_uuid}}/attributes',
    tournament: '/v1/customers/{{ parameters.customer_uuid }}/attributes',
    hand: (c) => `/v1/customers/${c.parameters.customer_uuid}/attributes`,
  },
  {
    name: 'concatenation',
    iml: "{{'Hello, ' + parameters.name + '!'}}",
    tournament: "{{ 'Hello, ' + parameters.name + '!' }}",
    hand: (c) => 'Hello, ' + c.parameters.name + '!',
  },
  {
    name: 'arithmetic',
    iml: '{{parameters.amount * 100 + 1}}',
    tournament: '{{ parameters.amount * 100 + 1 }}',
    hand: (c) => c.parameters.amount * 100 + 1,
  },
  {
    name: 'comparison',
    iml: "{{parameters.limit > 10 && parameters.status == 'active'}}",
    tournament: "{{ parameters.limit > 10 && parameters.status === 'active' }}",
    hand: (c) => c.parameters.limit > 10 && c.parameters.status === 'active',
  },
  {
    name: 'if()',
    iml: '{{if(body.has_more, body.cursor, undefined)}}',
    tournament: '{{ body.has_more ? body.cursor : undefined }}',
    hand: (c) => (c.body.has_more ? c.body.cursor : undefined),
  },
  {
    name: 'ifempty()',
    iml: '{{ifempty(parameters.missing, parameters.limit)}}',
    tournament:
      "{{ (parameters.missing === undefined || parameters.missing === null || parameters.missing === '') ? parameters.limit : parameters.missing }}",
    hand: (c) => (empty(c.parameters.missing) ? c.parameters.limit : c.parameters.missing),
  },
  {
    name: 'switch()',
    iml: "{{switch(parameters.status, 'active', 1, 'cancelled', 2, 0)}}",
    tournament: "{{ parameters.status === 'active' ? 1 : parameters.status === 'cancelled' ? 2 : 0 }}",
    hand: (c) => (c.parameters.status === 'active' ? 1 : c.parameters.status === 'cancelled' ? 2 : 0),
  },
  {
    name: 'function call lower()',
    iml: '{{lower(parameters.email)}}',
    tournament: '{{ parameters.email.toLowerCase() }}',
    hand: (c) => c.parameters.email.toLowerCase(),
  },
  {
    name: 'nested calls',
    iml: '{{upper(substring(parameters.name, 0, 3))}}',
    tournament: '{{ parameters.name.substring(0, 3).toUpperCase() }}',
    hand: (c) => c.parameters.name.substring(0, 3).toUpperCase(),
  },
  {
    name: 'join()',
    iml: "{{join(parameters.tags, ',')}}",
    tournament: "{{ parameters.tags.join(',') }}",
    hand: (c) => c.parameters.tags.join(','),
  },
  {
    name: 'length()',
    iml: '{{length(body.entries)}}',
    tournament: '{{ body.entries.length }}',
    hand: (c) => c.body.entries.length,
  },
  {
    name: 'get() computed key',
    iml: "{{get(parameters, 'First Name')}}",
    tournament: "{{ parameters['First Name'] }}",
    hand: (c) => c.parameters['First Name'],
  },
  {
    name: 'createJSON()',
    iml: '{{createJSON(parameters.tags)}}',
    tournament: '{{ JSON.stringify(parameters.tags) }}',
    hand: (c) => JSON.stringify(c.parameters.tags),
  },
  {
    name: 'formatDate() UTC',
    iml: "{{formatDate(parameters.when, 'YYYY-MM-DD')}}",
    tournament: "{{ fmt(parameters.when, 'YYYY-MM-DD') }}",
    hand: (c) => dayjs.utc(c.parameters.when).format('YYYY-MM-DD'),
  },
  {
    name: 'formatDate() Europe/Prague',
    iml: "{{formatDate(parameters.when, 'DD.MM.YYYY HH:mm', 'Europe/Prague')}}",
    tournament: "{{ fmtTz(parameters.when, 'DD.MM.YYYY HH:mm', 'Europe/Prague') }}",
    hand: (c) => dayjs(c.parameters.when).tz('Europe/Prague').format('DD.MM.YYYY HH:mm'),
  },
  {
    name: 'parseDate()',
    iml: "{{parseDate('2016-12-28 16:03', 'YYYY-MM-DD HH:mm')}}",
    tournament: "{{ parse('2016-12-28 16:03', 'YYYY-MM-DD HH:mm') }}",
    hand: () => dayjs.utc('2016-12-28 16:03', 'YYYY-MM-DD HH:mm').toDate(),
  },
  {
    name: 'addDays()',
    iml: '{{addDays(parameters.when, 7)}}',
    tournament: '{{ addDays(parameters.when, 7) }}',
    hand: (c) => dayjs.utc(c.parameters.when).add(7, 'day').toDate(),
  },
  {
    name: 'map() over 10,000 items',
    iml: "{{map(items, 'id')}}",
    tournament: '{{ items.map(i => i.id).filter(v => v !== undefined) }}',
    hand: (c) => c.items.map((i) => i.id).filter((v) => v !== undefined),
  },
  {
    name: 'request object (5 templates)',
    iml: {
      url: '/v1/customers/{{parameters.customer_uuid}}',
      method: 'GET',
      qs: {
        per_page: '{{parameters.limit}}',
        cursor: '{{parameters.cursor}}',
        data_source_uuid: '{{parameters.data_source_uuid}}',
      },
      headers: { 'X-Name': '{{parameters.name}}' },
    },
    tournament: {
      url: '/v1/customers/{{ parameters.customer_uuid }}',
      method: 'GET',
      qs: {
        per_page: '{{ parameters.limit }}',
        cursor: '{{ parameters.cursor }}',
        data_source_uuid: '{{ parameters.data_source_uuid }}',
      },
      headers: { 'X-Name': '{{ parameters.name }}' },
    },
    hand: (c) => ({
      url: `/v1/customers/${c.parameters.customer_uuid}`,
      method: 'GET',
      qs: {
        per_page: c.parameters.limit,
        cursor: c.parameters.cursor,
        data_source_uuid: c.parameters.data_source_uuid,
      },
      headers: { 'X-Name': c.parameters.name },
    }),
  },
];
