import { UNDIRECTED_EDGE_KINDS } from './graph-contribution';
import type { GraphNode, RelationshipGraph } from './relationship-graph';

export const GRAPHML_NAMESPACE = 'http://graphml.graphdrawing.org/xmlns';
export const GRAPHML_MEDIA_TYPE = 'application/graphml+xml';

/** GraphML attributes (`<key>`s) the export declares: name, what they belong to, their type. */
const KEYS = [
  { id: 'entityId', for: 'node', type: 'string' },
  { id: 'kind', for: 'node', type: 'string' },
  { id: 'label', for: 'node', type: 'string' },
  { id: 'regionKind', for: 'node', type: 'string' },
  { id: 'organisationKind', for: 'node', type: 'string' },
  { id: 'kind', for: 'edge', type: 'string' },
  { id: 'weight', for: 'edge', type: 'int' },
  { id: 'firstDate', for: 'edge', type: 'string' },
  { id: 'lastDate', for: 'edge', type: 'string' },
] as const;

/**
 * The graph as GraphML (GraphML Primer, graphml.graphdrawing.org), for Gephi, yEd, NetworkX, igraph. Directed by
 * default; cross-memberships are written `directed="false"`. Dates stay text with their own precision ("2010",
 * "2017-10-12"), structural edges carry no dates. Node ids are Kontakt's `<kind>:<id>`, made XML name tokens (see
 * graphMlId); `entityId` keeps the original.
 */
export function toGraphMl(graph: RelationshipGraph): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<graphml xmlns="${GRAPHML_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${GRAPHML_NAMESPACE} ${GRAPHML_NAMESPACE}/1.0/graphml.xsd">`,
  ];
  // Key ids are unique across nodes and edges (GraphML Primer 2.4): `n-kind`, `e-kind`.
  for (const key of KEYS) lines.push(`  <key id="${key.for[0]}-${key.id}" for="${key.for}" attr.name="${key.id}" attr.type="${key.type}"/>`);
  lines.push('  <graph id="kontakt" edgedefault="directed">');
  for (const node of graph.nodes) {
    lines.push(`    <node id="${escapeXml(graphMlId(node.id))}">`);
    for (const [name, value] of nodeData(node)) lines.push(`      <data key="n-${name}">${escapeXml(value)}</data>`);
    lines.push('    </node>');
  }
  graph.edges.forEach((edge, index) => {
    const directed = UNDIRECTED_EDGE_KINDS.has(edge.kind) ? ' directed="false"' : '';
    lines.push(`    <edge id="e${index}" source="${escapeXml(graphMlId(edge.source))}" target="${escapeXml(graphMlId(edge.target))}"${directed}>`);
    lines.push(`      <data key="e-kind">${escapeXml(edge.kind)}</data>`);
    lines.push(`      <data key="e-weight">${edge.weight}</data>`);
    if (edge.firstDate !== null) lines.push(`      <data key="e-firstDate">${escapeXml(edge.firstDate)}</data>`);
    if (edge.lastDate !== null) lines.push(`      <data key="e-lastDate">${escapeXml(edge.lastDate)}</data>`);
    lines.push('    </edge>');
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

function nodeData(node: GraphNode): [string, string][] {
  const data: [string, string][] = [
    ['entityId', node.id],
    ['kind', node.kind],
    ['label', node.label],
  ];
  if (node.regionKind !== undefined) data.push(['regionKind', node.regionKind]);
  if (node.organisationKind !== undefined) data.push(['organisationKind', node.organisationKind]);
  return data;
}

/**
 * GraphML ids are XML name tokens (`xs:NMTOKEN`): letters, digits, `.`, `-`, `_`, `:`. Kontakt ids may also hold `~`;
 * any other character is written as `_xHHHH_` (the convention of XmlConvert.EncodeName), and so is a `_` that would
 * read as the start of such an escape, so distinct ids stay distinct.
 */
export function graphMlId(id: string): string {
  return id.replace(/[^A-Za-z0-9._:-]|_(?=x[0-9A-Fa-f]{4}_)/g, (character) => `_x${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/**
 * Text and attribute values as XML 1.0 allows them (XML 1.0 §2.2, §2.4, §3.3.3): markup characters as entities;
 * tabs and line breaks as character references, so attribute normalisation keeps them; characters XML cannot carry
 * at all (most C0 controls, lone surrogates, U+FFFE, U+FFFF) as U+FFFD.
 */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding the control characters XML forbids is the point
  return text.replace(/[&<>"'\t\n\r]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (character) => ESCAPES[character] ?? '\uFFFD');
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };
