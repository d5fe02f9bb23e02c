export interface Place {
  readonly name: string;
  readonly regionId?: string;
}
