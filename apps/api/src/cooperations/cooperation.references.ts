import type { CooperationCommand, Participant, Place } from '@app/domain';
import type { Reference } from '../commands/entity-directory';

/** Fields of a recorded fact (or of a correction to one) that name other entities. */
interface FactReferences {
  place?: Place;
  destination?: Place;
  occasion?: { fairId?: string };
  participants?: readonly Participant[];
  fairId?: string;
  organisationId?: string;
  otherOrganisationId?: string;
}

/** Every entity a cooperation command names, by the path of the field that names it. */
export function cooperationReferences(command: CooperationCommand): Reference[] {
  switch (command.type) {
    case 'OpenCooperation': {
      const { ourOrganisationId, partner } = command.data;
      return [
        { field: 'ourOrganisationId', kind: 'organisation', id: ourOrganisationId },
        { field: 'partner.id', kind: partner.kind, id: partner.id },
      ];
    }
    case 'CorrectFact':
      return factReferences(command.data.corrections as FactReferences, 'corrections.');
    case 'ChangeStage':
    case 'RetractEntry':
      return [];
    default:
      return factReferences(command.data as FactReferences, '');
  }
}

function factReferences(fact: FactReferences, prefix: string): Reference[] {
  const references: Reference[] = [];
  const add = (field: string, kind: Reference['kind'], id: string | undefined): void => {
    if (typeof id === 'string') references.push({ field: prefix + field, kind, id });
  };
  add('place.regionId', 'region', fact.place?.regionId);
  add('destination.regionId', 'region', fact.destination?.regionId);
  add('occasion.fairId', 'fair', fact.occasion?.fairId);
  add('fairId', 'fair', fact.fairId);
  add('organisationId', 'organisation', fact.organisationId);
  add('otherOrganisationId', 'organisation', fact.otherOrganisationId);
  (fact.participants ?? []).forEach((participant, index) => {
    add(`participants[${index}].personId`, 'person', participant.personId);
    add(`participants[${index}].organisationId`, 'organisation', participant.organisationId);
  });
  return references;
}
