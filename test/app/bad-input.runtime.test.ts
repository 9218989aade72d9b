// Bad input for every module fails with a BundleValidationError naming the field, before any
// request reaches the sandbox.
import { BundleValidationError } from '../../runtime';
import { BAD_INPUTS } from './helpers/bad-inputs';
import { AppHarness, startAppHarness } from './helpers/harness';

let h: AppHarness;
beforeAll(async () => {
  h = await startAppHarness();
});
afterAll(() => h?.close());

test.each(BAD_INPUTS)(
  '%s: %s → BundleValidationError, nothing sent',
  async (moduleId, _what, parameters, field) => {
    const before = await h.requestCount();
    const err = await (
      moduleId.startsWith('watch') ? h.poll(moduleId, parameters, {}) : h.action(moduleId, parameters)
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleValidationError);
    const fields = (err as BundleValidationError).problems.map((p) => p.field);
    expect(fields.some((f) => f === field || f.endsWith(`.${field}`))).toBe(true);
    expect(await h.requestCount()).toBe(before);
  },
);

test('valid parameters do reach the sandbox (the request counter counts)', async () => {
  const before = await h.requestCount();
  await h.action('getDataSource', { data_source_uuid: 'ds_unknown' }).catch(() => undefined);
  expect(await h.requestCount()).toBe(before + 1);
});
