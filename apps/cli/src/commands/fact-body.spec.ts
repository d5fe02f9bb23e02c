import { UsageError } from '../cli-errors';
import { factBody } from './fact-body';
import { jsonObject, parts } from './fact-fields';
import { FACT_KINDS } from './record-facts';

const kind = (name: string) => FACT_KINDS.find((candidate) => candidate.name === name)!;

describe('factBody', () => {
  it('builds the README’s Kazan meeting from options', () => {
    const body = factBody(kind('meeting'), 'logistics-network--tatarstan', {
      entry: 'kazan-minister-meeting',
      date: '2017-10',
      place: 'Kazan|kazan',
      participant: ['Minister of Transport of Tatarstan|Minister of Transport|minister|tatarstan-transport-ministry', 'Network delegation||executive|logistics-network'],
      topic: ['logistics cooperation'],
      outcome: 'Both sides agreed to explore cooperation',
      source: 'press-release|Logistik-Netzwerk knüpft Kontakte nach Tatarstan|Netzwerk Logistik Leipzig-Halle e.V.|2017-10',
    });
    expect(body).toEqual({
      entryId: 'kazan-minister-meeting',
      source: { kind: 'press-release', title: 'Logistik-Netzwerk knüpft Kontakte nach Tatarstan', publisher: 'Netzwerk Logistik Leipzig-Halle e.V.', publishedOn: '2017-10' },
      occurredOn: '2017-10',
      place: { name: 'Kazan', regionId: 'kazan' },
      participants: [
        { name: 'Minister of Transport of Tatarstan', role: 'Minister of Transport', level: 'minister', organisationId: 'tatarstan-transport-ministry' },
        { name: 'Network delegation', level: 'executive', organisationId: 'logistics-network' },
      ],
      topics: ['logistics cooperation'],
      outcome: 'Both sides agreed to explore cooperation',
    });
  });

  it('gives a new entity its id from the positional argument, and fills numbers and partners', () => {
    expect(factBody(kind('organisation'), 'logistics-network', { name: 'Netzwerk Logistik Leipzig-Halle', kind: 'network', members: '130' })).toEqual({ id: 'logistics-network', name: 'Netzwerk Logistik Leipzig-Halle', kind: 'network', memberCount: 130 });
    expect(factBody(kind('cooperation'), undefined, { ours: 'logistics-network', partner: 'region:tatarstan', date: '2017-03' })).toEqual({ ourOrganisationId: 'logistics-network', partner: { kind: 'region', id: 'tatarstan' }, openedOn: '2017-03' });
  });

  it('maps --date to the date field of each kind', () => {
    expect(factBody(kind('cross-membership'), 'c', { date: '2016' })).toEqual({ since: '2016' });
    expect(factBody(kind('role'), 'p', { date: '2010-03' })).toEqual({ from: '2010-03' });
    expect(factBody(kind('stage-change'), 'c', { to: 'exploring', date: '2017-10', reason: 'Second exchange in Kazan' })).toEqual({ to: 'exploring', occurredOn: '2017-10', reason: 'Second exchange in Kazan' });
  });

  it('collects corrections from --set, with the reason', () => {
    expect(factBody(kind('correction'), 'c', { entry: 'kazan-minister-meeting', set: ['occurredOn=2017-10-12', 'outcome=Agreed, a=b'], reason: 'Minutes' })).toEqual({
      entryId: 'kazan-minister-meeting',
      corrections: { occurredOn: '2017-10-12', outcome: 'Agreed, a=b' },
      reason: 'Minutes',
    });
  });

  it('lays options over --data, and --data over --file', () => {
    const body = factBody(kind('meeting'), 'c', { date: '2017-10-12' }, { file: { occurredOn: '2017', topics: ['rail'], outcome: 'from the file' }, data: { outcome: 'from --data' } });
    expect(body).toEqual({ occurredOn: '2017-10-12', topics: ['rail'], outcome: 'from --data' });
  });

  it('refuses malformed values, naming the option', () => {
    expect(() => factBody(kind('meeting'), 'c', { participant: ['|minister'] })).toThrow(new UsageError('--participant: the name comes first: "name|role|level|organisationId|personId"'));
    expect(() => factBody(kind('organisation'), 'o', { members: 'many' })).toThrow(new UsageError('--members: give a whole number, not "many"'));
    expect(() => factBody(kind('cooperation'), undefined, { partner: 'tatarstan' })).toThrow(new UsageError('--partner: give region:<id> or organisation:<id>, not "tatarstan"'));
    expect(() => factBody(kind('correction'), 'c', { set: ['occurredOn'] })).toThrow(/^--set: give field=value/);
  });
});

describe('fact fields', () => {
  it('splits compound values in order and leaves out empty parts', () => {
    expect(parts('Kazan|', ['name', 'regionId'], '--place')).toEqual({ name: 'Kazan' });
    expect(() => parts('a|b|c', ['name', 'regionId'], '--place')).toThrow('--place: at most 2 parts, "name|regionId"; got 3 in "a|b|c" (use --data for values with a |)');
  });

  it('reads --data and --file as JSON objects only', () => {
    expect(jsonObject('{"topics":["rail"]}', '--data')).toEqual({ topics: ['rail'] });
    expect(() => jsonObject('{topics', '--data')).toThrow(/^--data: not JSON: /);
    expect(() => jsonObject('[1]', '--file fact.json')).toThrow('--file fact.json: must be a JSON object ({...}), the body of the request');
  });
});
