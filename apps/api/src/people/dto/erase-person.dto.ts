import { IsText } from '../../shared-dto/text';

/** An erasure says why: the request it answers. Kept in the event and its metadata, so not a place for the name. */
export class ErasePersonDto {
  @IsText({ long: true, description: 'Why, e.g. the erasure request it answers; do not repeat the person’s name here', example: 'Erasure request of 2026-03-02 (ticket 4711)' })
  reason!: string;
}
