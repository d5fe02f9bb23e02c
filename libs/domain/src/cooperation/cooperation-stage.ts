export const COOPERATION_STAGES = ['contact', 'exploring', 'active', 'formal-partnership', 'dormant', 'ended'] as const;
export type CooperationStage = (typeof COOPERATION_STAGES)[number];

/** The stages a cooperation can be resumed in after it lay dormant: the stage it left, or exploring anew. */
export type ResumableStage = Exclude<CooperationStage, 'dormant' | 'ended'>;

/**
 * Where each stage may lead. A cooperation may fall dormant from any live stage and end from any stage; 'ended' is
 * final. Leaving 'dormant' is decided by `allowedNextStages`, because it depends on the stage that was left.
 */
const TRANSITIONS: Readonly<Record<CooperationStage, readonly CooperationStage[]>> = {
  contact: ['exploring', 'dormant', 'ended'],
  exploring: ['active', 'dormant', 'ended'],
  active: ['formal-partnership', 'dormant', 'ended'],
  'formal-partnership': ['dormant', 'ended'],
  dormant: ['exploring', 'ended'],
  ended: [],
};

export function allowedNextStages(from: CooperationStage, leftForDormancy?: ResumableStage): readonly CooperationStage[] {
  if (from === 'dormant' && leftForDormancy !== undefined && leftForDormancy !== 'exploring') {
    return [leftForDormancy, ...TRANSITIONS.dormant];
  }
  return TRANSITIONS[from];
}

export function canChangeStage(from: CooperationStage, to: CooperationStage, leftForDormancy?: ResumableStage): boolean {
  return allowedNextStages(from, leftForDormancy).includes(to);
}
