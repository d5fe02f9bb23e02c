/**
 * For the specs: a strict reader of the XML this module writes (elements, attributes in double quotes, text, the
 * five named entities and character references, one XML declaration). It refuses what a conforming parser refuses
 * in that subset: an unescaped `<` or `&`, mismatched or unclosed tags, an attribute given twice, characters XML 1.0
 * forbids, more than one root. A real parser, the browser's, reads the same pictures in
 * test/ui/timeline-svg-xml.spec.ts.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The text directly inside, decoded. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// eslint-disable-next-line no-control-regex -- XML 1.0 §2.2: the characters a document may not contain
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function decode(text: string, where: string): string {
  if (/</.test(text) || /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/.test(text)) throw new Error(`unescaped markup in ${where}: ${JSON.stringify(text.slice(0, 60))}`);
  const decoded = text.replace(/&(#x[0-9A-Fa-f]+|#\d+|\w+);/g, (_, name: string) =>
    name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : ENTITIES[name],
  );
  if (FORBIDDEN.test(decoded)) throw new Error(`a character XML forbids in ${where}`);
  return decoded;
}

export function readXml(xml: string): XmlElement {
  if (FORBIDDEN.test(xml)) throw new Error('the document holds a character XML forbids');
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n?/, '');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const open: XmlElement[] = [root];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  let at = 0;
  while (at < body.length) {
    const next = body.indexOf('<', at);
    open[open.length - 1].text += decode(body.slice(at, next === -1 ? body.length : next), `<${open[open.length - 1].name}>`);
    if (next === -1) break;
    tag.lastIndex = next;
    const match = tag.exec(body);
    if (!match) throw new Error(`malformed markup at ${next}: ${body.slice(next, next + 60)}`);
    const [, closing, name, attributeText, selfClosing] = match;
    if (closing) {
      const element = open.pop();
      if (element?.name !== name || open.length === 0) throw new Error(`</${name}> closes <${element?.name}>`);
    } else {
      const attributes: Record<string, string> = {};
      for (const [, attribute, value] of attributeText.matchAll(/([\w:.-]+)="([^"]*)"/g)) {
        if (attribute in attributes) throw new Error(`attribute ${attribute} twice on <${name}>`);
        attributes[attribute] = decode(value, `${name}@${attribute}`);
      }
      const element: XmlElement = { name, attributes, children: [], text: '' };
      open[open.length - 1].children.push(element);
      if (!selfClosing) open.push(element);
    }
    at = tag.lastIndex;
  }
  if (open.length !== 1) throw new Error(`<${open[open.length - 1].name}> is never closed`);
  if (root.children.length !== 1 || root.text.trim() !== '') throw new Error('not exactly one root element');
  return root.children[0];
}

/** Every element below `element` (itself included) that `test` accepts, in document order. */
export function findAll(element: XmlElement, test: (candidate: XmlElement) => boolean): XmlElement[] {
  return [...(test(element) ? [element] : []), ...element.children.flatMap((child) => findAll(child, test))];
}

/** The element's text and that of everything in it, in document order. */
export function textContent(element: XmlElement): string {
  return element.text + element.children.map(textContent).join('');
}
