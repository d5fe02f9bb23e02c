// The web page: sign in with an API token, pick a region, and see its status, timeline (as a list and as the API's
// SVG picture) and relationship graph, as of any day between its first entry and today.
import { createApi } from './api.js';
import { AsOfControl } from './as-of-control.js';
import { firstDayOf, spokenDay, dayOf, today } from './dates.js';
import { clear } from './dom.js';
import { renderGraph } from './graph-view.js';
import { markSelectedRegion, renderRegionTree } from './region-tree.js';
import { renderStatus } from './status-view.js';
import { appendTimelineItems } from './timeline-list.js';
import { forgetToken, storedToken, storeToken } from './token-store.js';

const $ = (id) => document.getElementById(id);
const PAGE_SIZE = 200;

const state = { regions: [], regionId: null, asOf: null, generation: 0, nextCursor: null };

const api = createApi({ token: () => storedToken(), onUnauthorised: (error) => signOut(`The API no longer accepts this token: ${error.message}`) });

const asOfControl = new AsOfControl({
  range: $('as-of'),
  output: $('as-of-output'),
  dateInput: $('as-of-date'),
  todayButton: $('as-of-today'),
  onChange: (asOf) => {
    state.asOf = asOf;
    saveLocation();
    void refresh();
  },
});

function showProblem(message) {
  $('problem').textContent = message ?? '';
  $('problem').hidden = !message;
}

function signOut(message) {
  forgetToken();
  $('app').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message ?? '';
  $('token').focus();
}

async function signIn(event) {
  event.preventDefault();
  const token = $('token').value.trim();
  // Tried before it is kept: a mistyped token is reported here, not as a broken page.
  const trial = createApi({ token: () => token, onUnauthorised: () => {} });
  try {
    await trial.json('/regions');
  } catch (error) {
    $('sign-in-error').textContent = error.status === 401 ? `That token was not accepted: ${error.message}` : error.message;
    return;
  }
  storeToken(token, $('remember').checked);
  $('token').value = '';
  await start();
}

async function start() {
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  $('sign-in-error').textContent = '';
  let regions;
  try {
    regions = (await api.json('/regions')).items;
  } catch (error) {
    if (error.status !== 401) showProblem(error.message);
    return;
  }
  state.regions = regions;
  renderRegionTree($('region-tree'), regions, { selectedId: state.regionId, onSelect: (id) => void selectRegion(id) });
  const wanted = readLocation();
  if (wanted.regionId !== null && regions.some((region) => region.id === wanted.regionId)) await selectRegion(wanted.regionId, wanted.asOf);
}

async function selectRegion(regionId, wantedAsOf = state.asOf) {
  state.regionId = regionId;
  const name = state.regions.find((region) => region.id === regionId)?.name ?? regionId;
  $('region-title').textContent = name;
  $('region-hint').hidden = true;
  $('region-content').hidden = false;
  markSelectedRegion($('region-tree'), regionId);
  // The slider runs from the region's earliest entry to today.
  let earliest;
  try {
    earliest = (await api.json(`/regions/${encodeURIComponent(regionId)}/timeline`, { limit: 1 })).items[0];
  } catch (error) {
    if (error.status !== 401) showProblem(error.message);
    return;
  }
  if (state.regionId !== regionId) return;
  const last = today();
  const first = earliest === undefined ? last - 365 : Math.min(firstDayOf(earliest.occurredOn), last);
  asOfControl.reset(first, last, wantedAsOf !== null && dayOf(wantedAsOf) < last ? wantedAsOf : null);
  state.asOf = asOfControl.asOf;
  saveLocation();
  await refresh();
}

/** Asks for status, timeline, picture and graph at the chosen day; answers to an older question are dropped. */
async function refresh() {
  const regionId = state.regionId;
  if (regionId === null) return;
  const generation = ++state.generation;
  const current = () => generation === state.generation;
  const cut = state.asOf === null ? {} : { asOf: state.asOf };
  const path = `/regions/${encodeURIComponent(regionId)}`;
  const content = $('region-content');
  content.setAttribute('aria-busy', 'true');
  content.removeAttribute('data-shown');
  showProblem(null);
  const failed = (error) => {
    if (current() && error.status !== 401) showProblem(error.message);
  };
  await Promise.all([
    api.json(`${path}/status`, cut).then((status) => current() && renderStatus($('status'), status), failed),
    api.json(`${path}/timeline`, { ...cut, limit: PAGE_SIZE }).then((page) => current() && showTimeline(page, false), failed),
    api.text(`${path}/timeline.svg`, cut, 'image/svg+xml').then((svg) => (current() ? showPicture(regionId, svg) : undefined), failed),
    api.json('/graph', { ...cut, region: regionId }).then((graph) => current() && renderGraph($('graph'), graph), failed),
  ]);
  if (!current()) return;
  content.setAttribute('aria-busy', 'false');
  content.dataset.shown = `${regionId}@${state.asOf ?? 'today'}`;
}

function showTimeline(page, append) {
  const list = $('timeline-list');
  if (!append) clear(list);
  appendTimelineItems(list, page);
  state.nextCursor = page.nextCursor;
  $('timeline-more').hidden = page.nextCursor === null;
}

async function showMore() {
  if (state.regionId === null || state.nextCursor === null) return;
  const generation = state.generation;
  const cut = state.asOf === null ? {} : { asOf: state.asOf };
  try {
    const page = await api.json(`/regions/${encodeURIComponent(state.regionId)}/timeline`, { ...cut, limit: PAGE_SIZE, cursor: state.nextCursor });
    if (generation === state.generation) showTimeline(page, true);
  } catch (error) {
    if (error.status !== 401) showProblem(error.message);
  }
}

/**
 * The picture comes with the bearer token, so it cannot be a plain <img src>; as a data: URL it is still an image
 * (no script in it could run, and the CSP's img-src already allows data:), and the same URL downloads it.
 */
async function showPicture(regionId, svgText) {
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  const image = $('timeline-picture');
  const name = $('region-title').textContent;
  image.alt = `Timeline of ${name}${state.asOf === null ? '' : ` as of ${spokenDay(dayOf(state.asOf))}`}; the same entries are listed under Timeline`;
  image.src = url;
  const link = $('timeline-download');
  link.href = url;
  link.download = `${regionId}-timeline${state.asOf === null ? '' : `-as-of-${state.asOf}`}.svg`;
  try {
    await image.decode();
  } catch {
    showProblem('The timeline picture could not be drawn.');
  }
}

function readLocation() {
  const parameters = new URLSearchParams(window.location.hash.slice(1));
  const asOf = parameters.get('asOf');
  return { regionId: parameters.get('region'), asOf: asOf !== null && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null };
}

/** The region and day go into the address, so a view can be bookmarked or sent. */
function saveLocation() {
  const parameters = new URLSearchParams();
  if (state.regionId !== null) parameters.set('region', state.regionId);
  if (state.asOf !== null) parameters.set('asOf', state.asOf);
  window.history.replaceState(null, '', `#${parameters}`);
}

$('sign-in-form').addEventListener('submit', (event) => void signIn(event));
$('sign-out').addEventListener('click', () => signOut());
$('timeline-more').addEventListener('click', () => void showMore());

if (storedToken() === null) signOut();
else void start();
