/**
 * A small, strict XML parser for tests: enough of XML 1.0 to read reports (declaration, elements,
 * attributes, text, character and entity references, CDATA, comments) and to reject what real
 * parsers reject — mismatched or unclosed tags, a raw `<` or `&` in text, duplicate attributes,
 * characters XML cannot carry, content after the root element.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content of this element (not of its descendants). */
  text: string;
}

const INVALID_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

export function parseXml(source: string): XmlElement {
  if (INVALID_CHAR.test(source)) throw new Error(`character not allowed in XML at ${source.search(INVALID_CHAR)}`);
  let pos = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at offset ${pos}: ${JSON.stringify(source.slice(pos, pos + 30))}`);
  };
  const skipSpace = () => {
    while (pos < source.length && /\s/.test(source[pos]!)) pos++;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith("<!--", pos)) {
        const end = source.indexOf("-->", pos + 4);
        if (end === -1) fail("unclosed comment");
        pos = end + 3;
      } else return;
    }
  };
  const decode = (raw: string): string => {
    if (raw.includes("<")) fail("raw < in text or attribute");
    return raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(";")) fail(`unterminated reference ${whole}`);
      const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
      if (ref in named) return named[ref]!;
      const m = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.exec(ref);
      if (!m) return fail(`unknown entity &${ref};`);
      const code = m[1]!.startsWith("x") ? parseInt(m[1]!.slice(1), 16) : parseInt(m[1]!, 10);
      const ch = String.fromCodePoint(code);
      if (INVALID_CHAR.test(ch)) fail(`character reference to a forbidden character ${whole}`);
      return ch;
    });
  };
  const name = (): string => {
    const m = NAME.exec(source.slice(pos));
    if (!m) return fail("expected a name");
    pos += m[0].length;
    return m[0];
  };
  const element = (): XmlElement => {
    if (source[pos] !== "<") fail("expected <");
    pos++;
    const el: XmlElement = { name: name(), attributes: {}, children: [], text: "" };
    for (;;) {
      const before = pos;
      skipSpace();
      if (source.startsWith("/>", pos)) {
        pos += 2;
        return el;
      }
      if (source[pos] === ">") {
        pos++;
        break;
      }
      if (pos === before) fail("expected whitespace between attributes");
      const attr = name();
      skipSpace();
      if (source[pos] !== "=") fail("expected =");
      pos++;
      skipSpace();
      const quote = source[pos];
      if (quote !== '"' && quote !== "'") fail("expected a quoted attribute value");
      const end = source.indexOf(quote!, pos + 1);
      if (end === -1) fail("unclosed attribute value");
      if (attr in el.attributes) fail(`duplicate attribute ${attr}`);
      // Literal whitespace is normalized to spaces; character references (&#10;) survive.
      el.attributes[attr] = decode(source.slice(pos + 1, end).replace(/[\t\n\r]/g, " "));
      pos = end + 1;
    }
    for (;;) {
      if (pos >= source.length) fail(`unclosed <${el.name}>`);
      if (source.startsWith("</", pos)) {
        pos += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipSpace();
        if (source[pos] !== ">") fail("expected >");
        pos++;
        return el;
      }
      if (source.startsWith("<!--", pos)) {
        const end = source.indexOf("-->", pos + 4);
        if (end === -1) fail("unclosed comment");
        pos = end + 3;
      } else if (source.startsWith("<![CDATA[", pos)) {
        const end = source.indexOf("]]>", pos + 9);
        if (end === -1) fail("unclosed CDATA");
        el.text += source.slice(pos + 9, end);
        pos = end + 3;
      } else if (source[pos] === "<") {
        el.children.push(element());
      } else {
        const end = source.indexOf("<", pos);
        const raw = source.slice(pos, end === -1 ? source.length : end);
        if (raw.includes("]]>")) fail("]]> in text");
        el.text += decode(raw);
        pos += raw.length;
      }
    }
  };
  if (source.startsWith("<?xml")) {
    const end = source.indexOf("?>");
    if (end === -1) fail("unclosed XML declaration");
    pos = end + 2;
  }
  skipMisc();
  const root = element();
  skipMisc();
  if (pos !== source.length) fail("content after the root element");
  return root;
}

/** Elements anywhere below `root` (and root itself) with the given name, in document order. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = root.name === name ? [root] : [];
  for (const child of root.children) out.push(...findAll(child, name));
  return out;
}
