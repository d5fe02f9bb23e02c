import { deciderSpecification } from '../testing/decider-specification';
import { organisationDecider } from './organisation.aggregate';
import { OrganisationRegistered, OrganisationRegisteredData } from './organisation-registered.event';

const spec = deciderSpecification(organisationDecider);
const network: OrganisationRegistered = {
  type: 'OrganisationRegistered',
  data: {
    organisationId: 'logistics-network',
    name: 'Netzwerk Logistik Leipzig-Halle',
    kind: 'network',
    regionId: 'leipzig-halle',
    memberCount: 130,
  },
};

describe('RegisterOrganisation', () => {
  it('registers an organisation with its members and region', () => {
    spec.given([]).when({ type: 'RegisterOrganisation', data: network.data }).then([network]);
  });

  it('refuses to register the same organisation twice', () => {
    spec
      .given([network])
      .when({ type: 'RegisterOrganisation', data: network.data })
      .thenThrows('ORGANISATION_ALREADY_EXISTS', 'organisationId');
  });

  it.each([
    ['a blank name', { name: '' }, 'name'],
    ['an unknown kind', { kind: 'club' }, 'kind'],
    ['a negative member count', { memberCount: -1 }, 'memberCount'],
    ['a fractional member count', { memberCount: 1.5 }, 'memberCount'],
  ])('rejects %s', (_case, change, field) => {
    const data = { ...network.data, ...change } as OrganisationRegisteredData;
    spec.given([]).when({ type: 'RegisterOrganisation', data }).thenThrows('INVALID_FIELD', field);
  });
});

describe('RenameOrganisation', () => {
  const rename = { type: 'RenameOrganisation', data: { organisationId: 'logistics-network', name: 'Logistik-Netzwerk Mitteldeutschland' } } as const;

  it('renames a registered organisation', () => {
    spec.given([network]).when(rename).then([{ type: 'OrganisationRenamed', data: rename.data }]);
  });

  it('refuses to rename an organisation that was never registered', () => {
    spec.given([]).when(rename).thenThrows('ORGANISATION_NOT_FOUND', 'organisationId');
  });

  it('refuses a rename to the name it already has', () => {
    spec
      .given([network])
      .when({ type: 'RenameOrganisation', data: { organisationId: 'logistics-network', name: network.data.name } })
      .thenThrows('INVALID_FIELD', 'name');
  });
});
