// A small force-directed layout, run to rest before drawing (no animation, so the same graph
// always lands the same way): nodes repel, edges pull, the first node stays in the middle.

/** nodes: [{id}], edges: [{source, target}] by id. Sets x and y on each node, inside width × height. */
export function layout(nodes, edges, width, height, iterations = 300) {
  const margin = 60;
  const centre = { x: width / 2, y: height / 2 };
  const radius = Math.min(width, height) / 2 - margin;
  nodes.forEach((node, index) => {
    if (index === 0) Object.assign(node, centre);
    else {
      const angle = (2 * Math.PI * (index - 1)) / Math.max(1, nodes.length - 1);
      node.x = centre.x + radius * Math.cos(angle);
      node.y = centre.y + radius * Math.sin(angle);
    }
  });
  const byId = new Map(nodes.map(node => [node.id, node]));
  const ideal = radius * 0.8;
  for (let step = 0; step < iterations; step++) {
    const heat = 1 - step / iterations; // moves shrink as the layout cools
    const force = new Map(nodes.map(node => [node.id, { x: 0, y: 0 }]));
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j];
        const dx = a.x - b.x || 0.01, dy = a.y - b.y || 0.01;
        const distance2 = Math.max(dx * dx + dy * dy, 1);
        const push = (ideal * ideal) / distance2;
        force.get(a.id).x += dx * push; force.get(a.id).y += dy * push;
        force.get(b.id).x -= dx * push; force.get(b.id).y -= dy * push;
      }
    }
    for (const edge of edges) {
      const a = byId.get(edge.source), b = byId.get(edge.target);
      const dx = b.x - a.x, dy = b.y - a.y;
      const distance = Math.max(Math.hypot(dx, dy), 1);
      const pull = (distance - ideal) / distance / 2;
      force.get(a.id).x += dx * pull; force.get(a.id).y += dy * pull;
      force.get(b.id).x -= dx * pull; force.get(b.id).y -= dy * pull;
    }
    for (const node of nodes.slice(1)) {
      const move = force.get(node.id);
      const length = Math.max(Math.hypot(move.x, move.y), 1);
      const limited = Math.min(length, 20 * heat + 1);
      node.x = clamp(node.x + (move.x / length) * limited, margin, width - margin);
      node.y = clamp(node.y + (move.y / length) * limited, margin / 2, height - margin / 2);
    }
  }
  return nodes;
}

function clamp(value, low, high) {
  return Math.min(high, Math.max(low, value));
}
