/** How a day-precision mark is drawn; spans (a year, a month) are bars in the type's colour whatever the shape. */
export type MarkShape = 'circle' | 'diamond' | 'square' | 'triangle';

export interface EntryTypeStyle {
  /** Lane and legend title. */
  title: string;
  colour: string;
  shape: MarkShape;
}

// Okabe–Ito colours, told apart with the common colour-vision deficiencies; shapes tell the rest. In timeline
// order of a typical cooperation, which is also the order of the lanes.
const STYLES: Record<string, EntryTypeStyle> = {
  CooperationOpened: { title: 'Cooperation opened', colour: '#0072B2', shape: 'square' },
  ContactEstablished: { title: 'Contact', colour: '#E69F00', shape: 'circle' },
  MeetingHeld: { title: 'Meeting', colour: '#D55E00', shape: 'diamond' },
  DelegationVisited: { title: 'Delegation visit', colour: '#56B4E9', shape: 'triangle' },
  FairAttended: { title: 'Fair attended', colour: '#009E73', shape: 'square' },
  MembershipCrossLinked: { title: 'Cross-membership', colour: '#CC79A7', shape: 'triangle' },
  OpportunityIdentified: { title: 'Opportunity', colour: '#A08C00', shape: 'circle' },
  CooperationStageChanged: { title: 'Stage change', colour: '#333333', shape: 'diamond' },
  RoleAssumed: { title: 'Role taken', colour: '#7F7F7F', shape: 'circle' },
  RoleEnded: { title: 'Role ended', colour: '#7F7F7F', shape: 'square' },
};

export const LANE_ORDER: readonly string[] = Object.keys(STYLES);

/** The style of an entry type; a type this code does not know yet is drawn in grey under its own name. */
export function entryTypeStyle(type: string): EntryTypeStyle {
  return STYLES[type] ?? { title: type, colour: '#999999', shape: 'circle' };
}

/** Lanes in LANE_ORDER, then unknown types by name. */
export function compareLanes(a: string, b: string): number {
  const rank = (type: string) => (LANE_ORDER.includes(type) ? LANE_ORDER.indexOf(type) : LANE_ORDER.length);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
