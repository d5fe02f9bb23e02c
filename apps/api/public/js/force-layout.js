// Fruchterman–Reingold: nodes repel each other, edges pull their ends together, and the moves cool down. It starts
// from a circle in a fixed order, so the same graph is always laid out the same way (no randomness).

/** Past this many nodes the quadratic force layout is too slow for a page; they stay on their circle. */
const FORCE_LIMIT = 250;

/** Positions `{ x, y }` by node id, inside `width` × `height` with `margin` free on every side. */
export function layOut(nodes, edges, { width, height, margin, iterations = 300 }) {
  const order = [...nodes].sort((a, b) => (a.kind === b.kind ? (a.id < b.id ? -1 : 1) : a.kind < b.kind ? -1 : 1));
  const cx = width / 2;
  const cy = height / 2;
  const radius = Math.min(width, height) / 2 - margin;
  const at = new Map(order.map((node, index) => {
    const angle = (2 * Math.PI * index) / Math.max(1, order.length);
    return [node.id, { x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) }];
  }));
  if (order.length < 2 || order.length > FORCE_LIMIT) return at;

  const k = 0.85 * Math.sqrt(((width - 2 * margin) * (height - 2 * margin)) / order.length);
  const links = edges.filter((edge) => at.has(edge.source) && at.has(edge.target) && edge.source !== edge.target);
  let temperature = width / 8;
  const cooling = temperature / (iterations + 1);
  for (let step = 0; step < iterations; step += 1) {
    const moves = new Map(order.map((node) => [node.id, { x: 0, y: 0 }]));
    for (let i = 0; i < order.length; i += 1) {
      for (let j = i + 1; j < order.length; j += 1) {
        const a = at.get(order[i].id);
        const b = at.get(order[j].id);
        let dx = a.x - b.x;
        let dy = a.y - b.y;
        // Two nodes on the same spot are pushed apart along a fixed direction.
        if (dx === 0 && dy === 0) dx = 0.01 * (j - i);
        const distance = Math.max(0.01, Math.hypot(dx, dy));
        const force = (k * k) / distance;
        dx = (dx / distance) * force;
        dy = (dy / distance) * force;
        moves.get(order[i].id).x += dx;
        moves.get(order[i].id).y += dy;
        moves.get(order[j].id).x -= dx;
        moves.get(order[j].id).y -= dy;
      }
    }
    for (const edge of links) {
      const a = at.get(edge.source);
      const b = at.get(edge.target);
      const dx = a.x - b.x;
      const dy = a.y - b.y;
      const distance = Math.max(0.01, Math.hypot(dx, dy));
      const force = (distance * distance) / k;
      moves.get(edge.source).x -= (dx / distance) * force;
      moves.get(edge.source).y -= (dy / distance) * force;
      moves.get(edge.target).x += (dx / distance) * force;
      moves.get(edge.target).y += (dy / distance) * force;
    }
    for (const node of order) {
      const move = moves.get(node.id);
      const length = Math.max(0.01, Math.hypot(move.x, move.y));
      const position = at.get(node.id);
      position.x = Math.min(width - margin, Math.max(margin, position.x + (move.x / length) * Math.min(length, temperature)));
      position.y = Math.min(height - margin, Math.max(margin, position.y + (move.y / length) * Math.min(length, temperature)));
    }
    temperature -= cooling;
  }
  return at;
}
