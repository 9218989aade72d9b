// What a module's circle shows: the app's icon when its folder has one (loaded once, as a data: URL
// the page's CSP allows), else a monogram of the app's name; Make's built-ins have monograms of their
// own. No third-party logo is drawn: only the app's own file, or letters.
import { api } from './api.js';
import { el } from './dom.js';
import { isDirective, isRouter, moduleIdOf } from './edit.js';
import { store } from './store.js';

/** Built-in tools and directives by module reference: their monogram. */
const BUILTIN_MONOGRAMS = {
  'builtin:BasicRouter': 'R',
  'builtin:BasicFeeder': 'It',
  'builtin:BasicAggregator': 'Ag',
  'util:SetVariable2': 'Sv',
  'json:ParseJSON': '{}',
  'builtin:Ignore': 'Ig',
  'builtin:Resume': 'Re',
  'builtin:Commit': 'Co',
  'builtin:Rollback': 'Rb',
  'builtin:Break': 'Br',
};

/** Loads the app folder's icon once; the modules show monograms when it has none. */
export async function loadAppIcon() {
  store.appIcon = await api.appIcon().catch(() => null);
}

/** 'app' | 'router' | 'tool' | 'directive': how the canvas draws a node. */
export function nodeKind(node) {
  if (isRouter(node)) return 'router';
  if (isDirective(node)) return 'directive';
  return moduleIdOf(node) ? 'app' : 'tool';
}

/** Up to two letters for a name: its words' initials ("Shipping app" → "SA"), else its first letter. */
export function monogram(name) {
  const words = String(name || '?')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[1][0] : (words[0] || '?')[0];
  return letters.toUpperCase();
}

/** The circle's content for a blueprint node. */
export function nodeFace(node) {
  const kind = nodeKind(node);
  if (kind === 'app' && store.appIcon) return el('img', { class: 'node-icon', src: store.appIcon, alt: '' });
  const text = kind === 'app' ? monogram(store.app?.name) : BUILTIN_MONOGRAMS[node.module] || '?';
  return el('span', { class: 'node-monogram', 'aria-hidden': 'true' }, text);
}
