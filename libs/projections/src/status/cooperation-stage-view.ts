import type { HistoryEntry } from '../history/history-entry';
import type { CooperationReference } from '../history/reference-data';
import type { CooperationStageView } from './region-status';

/** Where a cooperation stands: the stage, since when, and the sort key of the stage change that put it there. */
export interface StageMark {
  stage: string;
  since: string;
  /** Absent while no stage change is known: the cooperation stands at 'contact' since it was opened. */
  sortKey?: number;
}

/** A cooperation stands at 'contact' from the day it was opened until a stage change says otherwise. */
export function openingStage(openedOn: string): StageMark {
  return { stage: 'contact', since: openedOn };
}

/**
 * The mark after a stage change: the change that comes last in timeline order wins, not the one recorded last. A
 * change recorded late but dated before the current one (a backfilled history) does not move the cooperation back.
 */
export function laterStage(current: StageMark, change: HistoryEntry): StageMark {
  if (change.type !== 'CooperationStageChanged' || change.state === 'retracted') return current;
  if (current.sortKey !== undefined && current.sortKey > change.sortKey) return current;
  return { stage: String(change.data.to), since: change.occurredOn, sortKey: change.sortKey };
}

/** The stage of a cooperation from its stage changes (in any order). */
export function stageOf(openedOn: string, changes: readonly HistoryEntry[]): StageMark {
  return changes.reduce(laterStage, openingStage(openedOn));
}

export function stageView(cooperationId: string, cooperation: CooperationReference, mark: StageMark): CooperationStageView {
  return {
    cooperationId,
    ourOrganisationId: cooperation.ourOrganisationId,
    partner: { kind: cooperation.partner.kind, id: cooperation.partner.id },
    openedOn: cooperation.openedOn,
    stage: mark.stage,
    stageSince: mark.since,
  };
}

/**
 * The stage at a cut from the cooperation's kept stage changes (status_cooperations): the latest in timeline order
 * before `sortKeyLimit` among those recorded by `knownBy` (recording clock, ms), as `stageOf` folds the stage-change
 * entries visible at the cut. Stage changes have one version each, so being recorded by then is being visible.
 */
export function stageAtCut(
  openedOn: string,
  changes: readonly (readonly [sortKey: number, stage: string, occurredOn: string, knownFromMs: number])[],
  sortKeyLimit: number,
  knownBy = Number.POSITIVE_INFINITY,
): StageMark {
  let mark = openingStage(openedOn);
  for (const [sortKey, stage, occurredOn, knownFromMs] of changes) {
    if (sortKey < sortKeyLimit && knownFromMs <= knownBy && (mark.sortKey === undefined || sortKey > mark.sortKey)) mark = { stage, since: occurredOn, sortKey };
  }
  return mark;
}
