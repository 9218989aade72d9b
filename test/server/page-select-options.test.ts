/**
 * The page reads a select's static options (runtime/server/public/js/select-options.js, browser code
 * that cannot import the runtime) the way the parameter checks do (runtime/parameters/specs.ts): the
 * two are compared on every shape Make writes options in, so they cannot drift apart.
 */
import { selectOptions } from '../../runtime/parameters';
import type { ParameterSpec } from '../../runtime/types/app';
import { inPageModule, js } from './page-module';

const SPECS: ParameterSpec[] = [
  {
    name: 'plain',
    type: 'select',
    options: [
      { label: 'One', value: 1 },
      { label: 'Two', value: '2' },
    ],
  },
  {
    name: 'grouped',
    type: 'select',
    grouped: true,
    options: [
      { label: 'Small', options: [{ label: 'S', value: 's' }] },
      { label: 'Large', options: [{ label: 'L', value: 'l', nested: [{ name: 'size', type: 'number' }] }] },
    ],
  },
  {
    name: 'store',
    type: 'select',
    options: {
      store: [{ title: 'Courier', id: 'courier', nested: [{ name: 'floor', type: 'number' }] }],
      label: 'title',
      value: 'id',
      placeholder: 'Pick one',
    },
  },
  { name: 'storeDefaults', type: 'select', options: { store: [{ label: 'A', value: 'a' }] } },
  { name: 'rpc', type: 'select', options: 'rpc://listPlans' },
  { name: 'rpcStore', type: 'select', options: { store: 'rpc://listPlans', nested: [] } },
  { name: 'none', type: 'select' },
  {
    name: 'junk',
    type: 'select',
    options: [null, 'text', 3, [], { label: 'No value' }, { label: 'Falsy', value: false }] as never,
  },
];

test.each(SPECS.map((s) => [s.name, s] as const))(
  '"%s": the page lists the options the runtime checks against',
  (_name, spec) => {
    const page = inPageModule<unknown[]>('select-options.js', `m.staticOptions(${js(spec)})`);
    // JSON on both sides: the page's answer crosses a process boundary as JSON.
    expect(page).toEqual(JSON.parse(JSON.stringify(selectOptions(spec))));
  },
);
