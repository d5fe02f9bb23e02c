export const PARTNER_KINDS = ['region', 'organisation'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** Who we cooperate with: a region (Tatarstan) or an organisation (the German-Russian business association). */
export interface CooperationPartner {
  readonly kind: PartnerKind;
  readonly id: string;
}
