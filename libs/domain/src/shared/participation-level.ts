/** At what level someone takes part: the protocol that a visit or a meeting follows depends on it. */
export const PARTICIPATION_LEVELS = ['head-of-state', 'minister', 'executive', 'working'] as const;
export type ParticipationLevel = (typeof PARTICIPATION_LEVELS)[number];
