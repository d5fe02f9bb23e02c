import { spoken } from './dates.js';
import { clear, html } from './dom.js';

const LEVELS = ['head-of-state', 'minister', 'executive', 'working', 'unspecified'];

function item(field, term, ...description) {
  return html('div', {}, html('dt', {}, term), html('dd', { 'data-field': field }, ...description));
}

const sub = (text) => html('span', { class: 'sub' }, text);
const plural = (count, one, many) => `${count} ${count === 1 ? one : many}`;

/** Where we stand with a region (GET /regions/:id/status), as a list of terms and descriptions. */
export function renderStatus(container, status) {
  const meetings = status.meetings;
  const levels = LEVELS.filter((level) => meetings.byLevel[level] > 0).map((level) => `${meetings.byLevel[level]} ${level}`);
  const visits = status.delegationVisits;
  const names = (list) => list.slice(0, 3).map((entry) => entry.name ?? entry.id).join(', ');
  const list = html(
    'dl',
    { class: 'status' },
    item('stage', 'Stage', status.stage === null ? 'no cooperation yet' : html('span', { class: 'stage' }, status.stage), status.stageSince ? sub(`since ${spoken(status.stageSince)}`) : null),
    item(
      'first-contact',
      'First contact',
      status.firstContact ? spoken(status.firstContact.occurredOn) : 'none yet',
      status.firstContact?.summary ? sub(status.firstContact.summary) : null,
    ),
    item(
      'last-interaction',
      'Last interaction',
      status.lastInteraction ? spoken(status.lastInteraction.occurredOn) : 'none yet',
      status.lastInteraction ? sub(plural(status.lastInteraction.interactions, 'interaction', 'interactions')) : null,
    ),
    item('meetings', 'Meetings', String(meetings.total), levels.length > 0 ? sub(levels.join(', ')) : null),
    item('visits', 'Delegation visits', `${visits.outbound} outbound, ${visits.inbound} inbound`),
    item(
      'fairs',
      'Fairs',
      status.fairs.length === 0 ? 'none' : status.fairs.map((fair) => `${fair.name ?? fair.fairId} (${fair.attendances})`).join(', '),
      status.fairs.length > 0 ? sub(status.fairs.flatMap((fair) => fair.editions).join(', ')) : null,
    ),
    item('momentum', 'Momentum', plural(status.momentum.interactions, 'interaction', 'interactions'), sub(`in the 12 months ${spoken(status.momentum.from)} – ${spoken(status.momentum.to)}`)),
    item('cross-memberships', 'Cross-memberships', String(status.crossMembershipCount)),
    item('opportunities', 'Open opportunities', String(status.openOpportunityCount)),
    item('cooperations', 'Cooperations', status.cooperations.length === 0 ? 'none' : status.cooperations.map((cooperation) => `${cooperation.cooperationId}: ${cooperation.stage}`).join('; ')),
    item('organisations', 'Organisations involved', status.organisations.length === 0 ? 'none' : names(status.organisations)),
    item('people', 'People involved', status.people.length === 0 ? 'none' : names(status.people)),
  );
  clear(container).append(list);
}
