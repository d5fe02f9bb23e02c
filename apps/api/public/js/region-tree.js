import { clear, html } from './dom.js';

const byName = (a, b) => a.name.localeCompare(b.name, 'en');

/**
 * The regions as a tree by parent (Russian Federation › Republic of Tatarstan › Kazan), every one a button.
 * A region whose parent is unknown is drawn at the top; a cycle in the data cannot loop forever.
 */
export function renderRegionTree(container, regions, { selectedId, onSelect }) {
  const known = new Set(regions.map((region) => region.id));
  const children = new Map();
  for (const region of regions) {
    const parent = region.parentRegionId !== null && known.has(region.parentRegionId) && region.parentRegionId !== region.id ? region.parentRegionId : null;
    children.set(parent, [...(children.get(parent) ?? []), region]);
  }
  const drawn = new Set();
  const branch = (parent) => {
    const below = (children.get(parent) ?? []).filter((region) => !drawn.has(region.id)).sort(byName);
    if (below.length === 0) return null;
    return html(
      'ul',
      {},
      below.map((region) => {
        drawn.add(region.id);
        const button = html('button', { type: 'button', 'data-region-id': region.id, 'aria-current': region.id === selectedId ? 'true' : 'false' }, region.name, html('span', { class: 'kind' }, region.kind));
        button.addEventListener('click', () => onSelect(region.id));
        return html('li', {}, button, branch(region.id));
      }),
    );
  };
  clear(container);
  container.append(branch(null) ?? html('p', { class: 'hint' }, 'No regions are recorded yet.'));
  // Regions caught in a cycle of parents have no root: list them too rather than lose them.
  for (const region of regions) {
    if (drawn.has(region.id)) continue;
    children.set(null, [region]);
    container.append(branch(null));
  }
}

/** Marks the chosen region's button as the current one. */
export function markSelectedRegion(container, regionId) {
  for (const button of container.querySelectorAll('button[data-region-id]')) button.setAttribute('aria-current', button.dataset.regionId === regionId ? 'true' : 'false');
}
