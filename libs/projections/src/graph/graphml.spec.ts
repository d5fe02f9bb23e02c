import { escapeXml, graphMlId, GRAPHML_NAMESPACE, toGraphMl } from './graphml';
import type { RelationshipGraph } from './relationship-graph';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  if (/[<]|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/.test(text)) throw new Error(`unescaped markup in ${JSON.stringify(text)}`);
  return text.replace(/&(#x[0-9A-Fa-f]+|#\d+|\w+);/g, (_, name: string) =>
    name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : ENTITIES[name],
  );
}

/** Just enough of an XML parser to check well-formedness of what toGraphMl writes: nesting, attributes, escapes. */
function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const open: XmlElement[] = [root];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/y;
  let at = 0;
  while (at < body.length) {
    const next = body.indexOf('<', at);
    const text = body.slice(at, next === -1 ? body.length : next);
    open[open.length - 1].text += decode(text);
    if (next === -1) break;
    tag.lastIndex = next;
    const match = tag.exec(body);
    if (!match) throw new Error(`malformed markup at ${next}: ${body.slice(next, next + 40)}`);
    const [, closing, name, attributeText, selfClosing] = match;
    if (closing) {
      const element = open.pop();
      if (element?.name !== name) throw new Error(`</${name}> closes <${element?.name}>`);
    } else {
      const attributes: Record<string, string> = {};
      for (const [, attribute, value] of attributeText.matchAll(/([\w:.-]+)="([^"]*)"/g)) {
        if (attribute in attributes) throw new Error(`attribute ${attribute} twice`);
        attributes[attribute] = decode(value);
      }
      const element: XmlElement = { name, attributes, children: [], text: '' };
      open[open.length - 1].children.push(element);
      if (!selfClosing) open.push(element);
    }
    at = tag.lastIndex;
  }
  if (open.length !== 1 || root.children.length !== 1 || root.text.trim() !== '') throw new Error('not one root element');
  return root.children[0];
}

function dataOf(element: XmlElement): Record<string, string> {
  return Object.fromEntries(element.children.filter((child) => child.name === 'data').map((child) => [child.attributes.key, child.text]));
}

const TRICKY = 'Müller & Söhne <GmbH> "quoted" \'apostrophe\'\ttab\nnew line\u0001';

const graph: RelationshipGraph = {
  nodes: [
    { id: 'organisation:logistics-network', kind: 'organisation', label: 'Netzwerk Logistik Leipzig-Halle', organisationKind: 'network' },
    { id: 'organisation:german-russian-association', kind: 'organisation', label: TRICKY, organisationKind: 'association' },
    { id: 'region:leipzig-halle', kind: 'region', label: 'Leipzig-Halle', regionKind: 'metropolitan-region' },
    { id: 'person:a~b', kind: 'person', label: 'Tilde' },
  ],
  edges: [
    { kind: 'located-in', source: 'organisation:logistics-network', target: 'region:leipzig-halle', weight: 1, firstDate: null, lastDate: null },
    { kind: 'membership', source: 'organisation:german-russian-association', target: 'organisation:logistics-network', weight: 1, firstDate: '2016', lastDate: '2016' },
    { kind: 'met', source: 'organisation:logistics-network', target: 'person:a~b', weight: 3, firstDate: '2017-03', lastDate: '2017-10-12' },
  ],
};

describe('toGraphMl', () => {
  const document = parseXml(toGraphMl(graph));
  const graphElement = document.children.find((child) => child.name === 'graph')!;
  const nodes = graphElement.children.filter((child) => child.name === 'node');
  const edges = graphElement.children.filter((child) => child.name === 'edge');

  it('writes a well-formed GraphML document in the GraphML namespace, directed by default', () => {
    expect(document.name).toBe('graphml');
    expect(document.attributes.xmlns).toBe(GRAPHML_NAMESPACE);
    expect(graphElement.attributes.edgedefault).toBe('directed');
    expect([nodes.length, edges.length]).toEqual([4, 3]);
  });

  it('declares every data key it uses, keys before the graph', () => {
    const keys = document.children.filter((child) => child.name === 'key');
    expect(document.children.indexOf(graphElement)).toBe(document.children.length - 1);
    const declared = new Map(keys.map((key) => [key.attributes.id, key.attributes]));
    expect(declared.get('e-weight')).toEqual({ id: 'e-weight', for: 'edge', 'attr.name': 'weight', 'attr.type': 'int' });
    for (const element of [...nodes, ...edges]) {
      for (const key of Object.keys(dataOf(element))) expect(declared.get(key)?.for).toBe(element.name);
    }
  });

  it('carries node kind, label and the kinds of regions and organisations', () => {
    expect(dataOf(nodes[2])).toEqual({ 'n-entityId': 'region:leipzig-halle', 'n-kind': 'region', 'n-label': 'Leipzig-Halle', 'n-regionKind': 'metropolitan-region' });
  });

  it('escapes markup, keeps tabs and line breaks, and replaces characters XML cannot carry', () => {
    expect(dataOf(nodes[1])['n-label']).toBe(TRICKY.replace('\u0001', '\uFFFD'));
  });

  it('carries edge kind, weight and dates, none for structural edges, and marks memberships undirected', () => {
    expect(edges.map((edge) => [edge.attributes.source, edge.attributes.target, edge.attributes.directed, dataOf(edge)])).toEqual([
      ['organisation:logistics-network', 'region:leipzig-halle', undefined, { 'e-kind': 'located-in', 'e-weight': '1' }],
      ['organisation:german-russian-association', 'organisation:logistics-network', 'false', { 'e-kind': 'membership', 'e-weight': '1', 'e-firstDate': '2016', 'e-lastDate': '2016' }],
      ['organisation:logistics-network', 'person:a_x007E_b', undefined, { 'e-kind': 'met', 'e-weight': '3', 'e-firstDate': '2017-03', 'e-lastDate': '2017-10-12' }],
    ]);
  });

  it('gives every node a unique id that edges refer to', () => {
    const ids = nodes.map((node) => node.attributes.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const edge of edges) expect(ids).toEqual(expect.arrayContaining([edge.attributes.source, edge.attributes.target]));
  });
});

describe('graphMlId', () => {
  it('keeps ids that are XML name tokens and encodes the rest reversibly', () => {
    expect(graphMlId('region:leipzig-halle_2.0')).toBe('region:leipzig-halle_2.0');
    expect(graphMlId('person:a~b')).toBe('person:a_x007E_b');
    // An id that already looks like an escape is escaped itself, so it cannot collide with the one above.
    expect(graphMlId('person:a_x007E_b')).toBe('person:a_x005F_x007E_b');
    expect(graphMlId('person:a_x007E_b')).toMatch(/^[A-Za-z0-9._:-]+$/);
  });
});

describe('escapeXml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  });

  it('keeps astral characters and replaces lone surrogates', () => {
    expect(escapeXml('Kazan 🏙 \uD800 end \uDC00')).toBe('Kazan 🏙 \uFFFD end \uFFFD');
  });
});
