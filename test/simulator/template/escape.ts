// The rewrite OneGate applies to PUT text before oned parses it (escape_attr, onegate-server.rb l.512 at release-7.4.0; 6.0+), reproduced
// character by character, including its broken cases (commas, quotes and backslashes in values).

/** Rewrites KEY=value text the way the server's escape routine does. */
export function escapeAttr(text: string): string {
  const c = [...text];
  let out = '';
  let quoting = false; // a quote opened after "=" is still open
  c.forEach((ch, i) => {
    const prev = i > 0 ? c[i - 1] : c[c.length - 1]; // Ruby's attr[-1] is the last character
    if (ch === '=' && quoting) out += ch;
    else if (ch === '=' && c[i + 1] !== '[' && c[i + 1] !== '"') {
      out += '="';
      quoting = true;
    } else if (ch === ',' && prev !== '"') out += '",';
    else if (ch === '[' && prev !== '=' && prev !== '"') out += '"[';
    else if (ch === ']' && prev !== '=' && prev !== '"') {
      out += '"]';
      quoting = false;
    } else if (ch === '\\' && prev !== '"') {
      out += '"\\';
      quoting = false;
    } else if (ch === '\n' && prev !== '"') {
      out += '"\n';
      quoting = false;
    } else out += ch;
  });
  out = out.replaceAll('\\n', '\n');
  if (quoting && !out.endsWith(']') && !out.endsWith('"')) out += '"';
  return out;
}
