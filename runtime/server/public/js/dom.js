// Small DOM helpers. Text always goes in through textContent: nothing from the API becomes markup.

/** el('button', { class: 'x', onclick: fn }, 'text', child) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** "1 route", "2 routes": a count and its noun, plural with an s. */
export function countOf(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function $(selector) {
  return document.querySelector(selector);
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** A JSON value pretty-printed with light colouring, as DOM nodes. */
export function jsonView(value) {
  const pre = el('pre', { class: 'json', tabindex: '0' });
  const text = JSON.stringify(value, null, 2);
  if (text === undefined) {
    pre.append(el('span', { class: 'j-lit' }, 'undefined'));
    return pre;
  }
  const token = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let last = 0;
  for (const match of text.matchAll(token)) {
    pre.append(text.slice(last, match.index));
    const [whole, str, colon, lit, num] = match;
    if (str) {
      pre.append(el('span', { class: colon ? 'j-key' : 'j-str' }, str));
      if (colon) pre.append(colon);
    } else if (lit) pre.append(el('span', { class: 'j-lit' }, lit));
    else if (num) pre.append(el('span', { class: 'j-num' }, num));
    last = match.index + whole.length;
  }
  pre.append(text.slice(last));
  return pre;
}

export function formatTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
}

/** An error as `Type: message` parts, whatever shape the runtime gave it. */
export function errorParts(error) {
  if (!error) return null;
  if (typeof error === 'string') return { type: 'Error', message: error };
  return { type: error.type || error.name || 'Error', message: error.message || JSON.stringify(error) };
}

/** A page-level message (e.g. the API refused us); `null` hides it. */
export function showBanner(message) {
  const banner = document.querySelector('#banner');
  banner.hidden = !message;
  banner.textContent = message || '';
}
