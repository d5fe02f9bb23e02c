import { clear, html, svg } from './dom.js';
import { layOut } from './force-layout.js';

const WIDTH = 600;
const HEIGHT = 440;
const NODE_COLOURS = { organisation: '#0072b2', region: '#009e73', person: '#e69f00' };
const EDGE_COLOURS = { cooperation: '#d55e00', met: '#cc79a7', membership: '#56b4e9', role: '#e69f00', 'located-in': '#b9bec6', 'part-of': '#b9bec6' };
const MAX_LABEL = 30;

const shortened = (label) => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label);
const dates = (edge) => (edge.firstDate === null ? '' : edge.firstDate === edge.lastDate ? ` (${edge.firstDate})` : ` (${edge.firstDate} – ${edge.lastDate})`);

/** The relationship graph (GET /graph?region=…) drawn as SVG with a force layout, and its legend. */
export function renderGraph(container, graph) {
  clear(container);
  if (graph.nodes.length === 0) {
    container.append(html('p', { class: 'hint' }, 'No relationships at this date.'));
    return;
  }
  const at = layOut(graph.nodes, graph.edges, { width: WIDTH, height: HEIGHT, margin: 40 });
  const labels = new Map(graph.nodes.map((node) => [node.id, node.label]));
  const edges = graph.edges
    .filter((edge) => at.has(edge.source) && at.has(edge.target))
    .map((edge) => {
      const a = at.get(edge.source);
      const b = at.get(edge.target);
      return svg(
        'line',
        { class: 'edge', 'data-kind': edge.kind, x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1), stroke: EDGE_COLOURS[edge.kind] ?? '#999', 'stroke-width': (1 + Math.log2(edge.weight)).toFixed(1), 'stroke-opacity': '0.8' },
        svg('title', {}, `${labels.get(edge.source)} — ${edge.kind} (${edge.weight}) — ${labels.get(edge.target)}${dates(edge)}`),
      );
    });
  const nodes = graph.nodes.map((node) => {
    const { x, y } = at.get(node.id);
    const anchor = x > WIDTH * 0.62 ? 'end' : 'start';
    return svg(
      'g',
      { class: 'node', 'data-node-id': node.id, 'data-kind': node.kind },
      svg('title', {}, `${node.label} (${node.regionKind ?? node.organisationKind ?? node.kind})`),
      svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: node.kind === 'organisation' ? 8 : 6, fill: NODE_COLOURS[node.kind] ?? '#777', stroke: '#fff', 'stroke-width': 1.5 }),
      svg('text', { x: (anchor === 'start' ? x + 10 : x - 10).toFixed(1), y: (y + 4).toFixed(1), 'text-anchor': anchor, 'font-size': 12, fill: '#222' }, shortened(node.label)),
    );
  });
  container.append(
    svg(
      'svg',
      { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': `Relationship graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges` },
      svg('g', { class: 'edges' }, edges),
      svg('g', { class: 'nodes' }, nodes),
    ),
    html(
      'ul',
      { class: 'legend' },
      ['organisation', 'region', 'person'].map((kind) => html('li', {}, html('span', { class: `swatch ${kind}` }), kind)),
      [
        ['cooperation', 'cooperation'],
        ['met', 'met'],
        ['membership', 'membership'],
        ['role', 'role'],
        ['structure', 'located in, part of'],
      ].map(([kind, label]) => html('li', {}, html('span', { class: `swatch line ${kind}` }), label)),
    ),
  );
}
