import { CooperationStage, ResumableStage, canChangeStage } from './cooperation-stage';

describe('cooperation stages', () => {
  it.each<[CooperationStage, CooperationStage, boolean]>([
    ['contact', 'exploring', true],
    ['exploring', 'active', true],
    ['active', 'formal-partnership', true],
    ['contact', 'active', false],
    ['exploring', 'formal-partnership', false],
    ['active', 'exploring', false],
    ['formal-partnership', 'active', false],
    ['contact', 'contact', false],
    ['contact', 'dormant', true],
    ['formal-partnership', 'dormant', true],
    ['contact', 'ended', true],
    ['dormant', 'ended', true],
    ['dormant', 'exploring', true],
    ['ended', 'contact', false],
    ['ended', 'dormant', false],
    ['ended', 'ended', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canChangeStage(from, to)).toBe(allowed);
  });

  it.each<[ResumableStage, CooperationStage, boolean]>([
    ['active', 'active', true],
    ['active', 'exploring', true],
    ['active', 'formal-partnership', false],
    ['contact', 'contact', true],
    ['formal-partnership', 'formal-partnership', true],
    ['formal-partnership', 'active', false],
  ])('leaving dormancy entered from %s: → %s allowed: %s', (left, to, allowed) => {
    expect(canChangeStage('dormant', to, left)).toBe(allowed);
  });
});
