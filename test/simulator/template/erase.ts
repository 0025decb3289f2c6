// The erase path of PUT: the server deletes the nodes matching the XPath "USER_TEMPLATE/<text>"
// and writes the rest back in replace mode, which drops every empty value (update, onegate-server.rb l.603-617 at release-7.4.0).
import { rubyError } from '../http/ruby';
import { cloneTemplate, type Pair, type Template } from './template';

/** Result of an erase: how many nodes matched and the template oned would store. */
export interface Erased {
  removed: number;
  template: Template;
}

// The paths the simulator evaluates: NAME, NAME/SUB, and * (every attribute).
const STEP = '[A-Za-z_][A-Za-z0-9_.-]*';
const PATH = new RegExp(`^\\s*(\\*|${STEP})(?:\\s*/\\s*(\\*|${STEP}))?\\s*$`);
// "A=b" arrives escaped as A="b": a valid XPath comparison whose result is not a node set.
const COMPARISON = new RegExp(`^\\s*(\\*|${STEP})(\\s*/\\s*(\\*|${STEP}))?\\s*(!?=|<=?|>=?)\\s*("[^"]*"|'[^']*'|\\d+(\\.\\d*)?)\\s*$`);

/** Deletes `text` (an XPath below USER_TEMPLATE); throws the XPath error for anything else. */
export function eraseXPath(source: Template, text: string): Erased {
  const m = PATH.exec(text);
  if (!m && COMPARISON.test(text)) throw rubyError('ArgumentError', 'node_set must be a Nokogiri::XML::NodeSet'); // a boolean, not nodes
  if (!m) throw rubyError('Nokogiri::XML::XPath::SyntaxError', `ERROR: Invalid expression: USER_TEMPLATE/${text}`);
  const [, name, sub] = m;
  const t = cloneTemplate(source);
  let removed = 0;
  t.pairs = t.pairs.filter(([n, v]) => {
    if (name !== '*' && n !== name) return true;
    if (sub === undefined) {
      removed++;
      return false;
    }
    if (typeof v === 'object')
      for (const k of Object.keys(v))
        if (sub === '*' || k === sub) {
          delete v[k];
          removed++;
        }
    return true;
  });
  return { removed, template: dropEmpty(t) };
}

// Re-serialising the template and parsing it back loses empty values and empty vectors.
function dropEmpty(t: Template): Template {
  t.pairs = t.pairs.flatMap(([n, v]): Pair[] => {
    if (typeof v === 'string') return v === '' ? [] : [[n, v]];
    const kept = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== ''));
    return Object.keys(kept).length ? [[n, kept]] : [];
  });
  return t;
}
