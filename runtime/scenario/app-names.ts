/**
 * Which app a blueprint step `app#<name>:<module>` is for (issue 20). It is this app when `<name>` is
 * the app's own name or one of the names Make gave its deployments (makecomapp.json origins' appId),
 * each also in Make's suffixed form `<name>-<suffix>` (Make appends a short random suffix of lower-case
 * letters and digits to a custom app's name). Any other name is another app: a Stripe blueprint's
 * `app#stripe:getCustomer` must never run this app's module of the same id.
 */
import type { App } from '../types/app';

/** Make's suffix: lower-case letters and digits (6 in the apps seen; shorter in hand-written blueprints). */
const SUFFIX = /^-[0-9a-z]{1,16}$/;

/** The names a blueprint may call this app by (without suffixes). */
export function appNames(app: Pick<App, 'name' | 'remoteNames'>): string[] {
  return [...new Set([app.name, ...(app.remoteNames ?? [])])];
}

/** Whether `name` (from `app#<name>:…`) names this app. */
export function namesThisApp(app: Pick<App, 'name' | 'remoteNames'>, name: string): boolean {
  return appNames(app).some(
    (own) => name === own || (name.startsWith(own) && SUFFIX.test(name.slice(own.length))),
  );
}

/** Why a step naming another app cannot run, naming the names that would do. */
export function otherAppProblem(app: Pick<App, 'name' | 'remoteNames'>, name: string): string {
  const names = appNames(app)
    .map((n) => `"${n}"`)
    .join(', ');
  return `is for the app "${name}", not this one (this app is ${names}, or one of them with Make's "-<suffix>")`;
}
