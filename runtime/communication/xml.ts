/**
 * `response.type: xml` in Make's shape (make-format.md §4.2, Make's "XML type" docs): every element
 * becomes an array of its occurrences, the root included, so `body.data[].text[]` reads the first
 * <text> of the first <data>. An element without attributes or child elements is its text; one with
 * either is an object of its child arrays plus `_attributes` (name → value) and `_value` (its text).
 * Values stay strings, as XML has no types. See docs/decisions.md "Engine" for the choices the docs
 * leave open.
 *
 * Parsing is strict (saxes). Nothing from a DTD is evaluated: the DOCTYPE is skipped, so neither
 * internal nor external entities are expanded; a reference to one stays in the text as `&name;`.
 */
import type * as Saxes from 'saxes';

export type XmlNode = string | { [name: string]: unknown };

interface Element {
  attributes: [string, string][];
  children: Map<string, XmlNode[]>;
  text: string;
}

/** Parses an XML document into `{ <root name>: [<root node>] }`; throws on malformed XML. */
export function parseXml(text: string): Record<string, XmlNode[]> {
  // Loaded here: most apps never read XML, and loading saxes was a part of every command's start.
  const { SaxesParser } = require('saxes') as typeof Saxes;
  const parser = new SaxesParser({ xmlns: false });
  const document: Element = { attributes: [], children: new Map(), text: '' };
  const stack: Element[] = [document];
  let failure: Error | undefined;
  parser.on('error', (err) => {
    // An entity declared in a DTD is never expanded: saxes leaves `&name;` in the text.
    if (!/undefined entity/.test(err.message)) failure ??= err;
  });
  parser.on('opentag', (tag) => {
    stack.push({
      attributes: Object.entries(tag.attributes as Record<string, string>),
      children: new Map(),
      text: '',
    });
  });
  const onText = (t: string) => {
    stack[stack.length - 1].text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const element = stack.pop()!;
    const parent = stack[stack.length - 1];
    const siblings = parent.children.get(tag.name);
    const node = nodeOf(element);
    if (siblings) siblings.push(node);
    else parent.children.set(tag.name, [node]);
  });
  parser.write(text).close();
  if (failure) throw failure;
  if (document.children.size === 0) throw new Error('no root element');
  // fromEntries defines own properties, so an element named __proto__ cannot reach a prototype.
  return Object.fromEntries(document.children);
}

function nodeOf(element: Element): XmlNode {
  const hasChildren = element.children.size > 0;
  if (!hasChildren && element.attributes.length === 0) return element.text;
  const node: Record<string, unknown> = Object.fromEntries(element.children);
  if (element.attributes.length > 0) node._attributes = Object.fromEntries(element.attributes);
  // Around child elements, text is mostly indentation: kept trimmed, and only when there is some.
  const value = hasChildren ? element.text.trim() : element.text;
  if (!hasChildren || value !== '') node._value = value;
  return node;
}
