import { spoken } from './dates.js';
import { html } from './dom.js';
import { entryDetails, entryTitle, TYPE_TITLES } from './entry-text.js';

/** Appends a timeline page's items (GET /regions/:id/timeline) to the list, one entry per item. */
export function appendTimelineItems(list, page) {
  for (const item of page.items) {
    list.append(
      html(
        'li',
        { 'data-entry-key': item.entryKey, 'data-type': item.type, 'data-occurred-on': item.occurredOn, 'data-state': item.state },
        html('time', { datetime: item.occurredOn }, spoken(item.occurredOn)),
        html(
          'div',
          {},
          html('span', { class: 'type' }, TYPE_TITLES[item.type] ?? item.type),
          item.state === 'recorded' ? null : html('span', { class: 'badge' }, item.state),
          html('span', { class: 'label' }, entryTitle(item, page.names)),
          entryDetails(item).map((line) => html('span', { class: 'detail' }, line)),
        ),
      ),
    );
  }
}
