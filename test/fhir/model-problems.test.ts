import { expect } from '@open-wc/testing';
import type { Bundle, Condition } from '@care-record/fhir';
import { groupProblems, type ProblemGroups } from '../../packages/fhir/src/model/index.js';
import { loadFixture, resourcesOf, SYNTHEA_BUNDLES } from './model-fixtures.js';

const NOW = new Date('2024-06-01T12:00:00Z');
const clinical = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code }] });
const verification = (code: string) => ({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code }] });
const significance = (code: 'major' | 'minor') => ({ url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-ProblemSignificance-1', valueCode: code });

let counter = 0;
function condition(name: string, fields: Partial<Condition> = {}): Condition {
  return {
    resourceType: 'Condition',
    id: `c${++counter}`,
    clinicalStatus: clinical('active'),
    verificationStatus: verification('confirmed'),
    code: { text: name },
    subject: { reference: 'Patient/p1' },
    ...fields,
  };
}

const names = (groups: ProblemGroups) => ({
  active: groups.active.map((p) => p.name),
  inactive: groups.inactive.map((p) => p.name),
  resolved: groups.resolved.map((p) => p.name),
  pastSignificant: groups.pastSignificant.map((p) => p.name),
  refuted: groups.excluded.refuted.map((p) => p.name),
});

describe('groupProblems', () => {
  it('sorts conditions into active, inactive, resolved and significant past history', () => {
    const groups = groupProblems(
      [
        condition('Type 2 diabetes', { onsetDateTime: '2001-05-01' }),
        condition('Asthma', { clinicalStatus: clinical('recurrence') }),
        condition('Depression', { clinicalStatus: clinical('remission'), onsetDateTime: '2022-01-01' }),
        condition('Chest infection', { clinicalStatus: clinical('resolved'), onsetDateTime: '2024-01-10', abatementDateTime: '2024-02-01' }),
        condition('Bereavement trauma', { clinicalStatus: clinical('inactive'), onsetDateTime: '1968-04' }),
        condition('Hip fracture', { clinicalStatus: clinical('resolved'), onsetDateTime: '2021-03-01', extension: [significance('major')] }),
        condition('Sprained ankle', { clinicalStatus: clinical('resolved'), onsetDateTime: '1990-07-01', extension: [significance('minor')] }),
      ],
      { now: NOW },
    );
    expect(names(groups)).to.deep.equal({
      // Undated problems come after dated ones.
      active: ['Type 2 diabetes', 'Asthma'],
      inactive: ['Depression'],
      resolved: ['Chest infection', 'Sprained ankle'],
      pastSignificant: ['Hip fracture', 'Bereavement trauma'],
      refuted: [],
    });
  });

  it('keeps long-standing active problems active, however old', () => {
    const groups = groupProblems([condition('Hypertension', { onsetDateTime: '1980-01-01' })], { now: NOW });
    expect(groups.active.map((p) => [p.name, p.longPast])).to.deep.equal([['Hypertension', true]]);
    expect(groups.pastSignificant).to.deep.equal([]);
  });

  it('lets the caller choose how many years make a problem long past', () => {
    const ended = condition('Pneumonia', { clinicalStatus: clinical('resolved'), onsetDateTime: '2020-01-01' });
    expect(groupProblems([ended], { now: NOW }).resolved).to.have.length(1);
    expect(groupProblems([ended], { now: NOW, pastYears: 3 }).pastSignificant).to.have.length(1);
  });

  it('treats a condition with no clinical status as active unless it records an end', () => {
    const groups = groupProblems([condition('Unknown status', { clinicalStatus: undefined }), condition('Ended', { clinicalStatus: undefined, abatementString: 'In childhood' })], { now: NOW });
    expect(names(groups).active).to.deep.equal(['Unknown status']);
    expect(names(groups).resolved).to.deep.equal(['Ended']);
  });

  it('flags unconfirmed, provisional and differential diagnoses without moving them', () => {
    const groups = groupProblems(['unconfirmed', 'provisional', 'differential', 'confirmed'].map((v) => condition(v, { verificationStatus: verification(v) })), { now: NOW });
    expect(groups.active.map((p) => [p.name, p.unconfirmed])).to.have.deep.members([
      ['unconfirmed', true],
      ['provisional', true],
      ['differential', true],
      ['confirmed', false],
    ]);
  });

  it('lists refuted conditions apart and counts entered-in-error ones without showing them', () => {
    const groups = groupProblems(
      [condition('Ruled out TB', { verificationStatus: verification('refuted') }), condition('Wrong patient', { verificationStatus: verification('entered-in-error') }), condition('Asthma')],
      { now: NOW },
    );
    expect(names(groups).refuted).to.deep.equal(['Ruled out TB']);
    expect(groups.excluded.enteredInError).to.equal(1);
    expect(names(groups).active).to.deep.equal(['Asthma']);
  });

  it('reads every kind of onset and abatement', () => {
    const groups = groupProblems(
      [
        condition('dateTime', { onsetDateTime: '2020-02-03', abatementDateTime: '2020-03-01', clinicalStatus: clinical('resolved') }),
        condition('period', { onsetPeriod: { start: '2019-05' }, abatementPeriod: { start: '2019-06', end: '2019-07' }, clinicalStatus: clinical('resolved') }),
        condition('age', { onsetAge: { value: 45, unit: 'years' }, abatementAge: { value: 50, unit: 'years' }, clinicalStatus: clinical('resolved') }),
        condition('range', { onsetRange: { low: { value: 20, unit: 'years' }, high: { value: 30, unit: 'years' } } }),
        condition('string', { onsetString: 'In her teens', abatementString: 'After treatment', clinicalStatus: clinical('resolved') }),
      ],
      { now: NOW },
    );
    const all = [...groups.active, ...groups.resolved, ...groups.pastSignificant];
    const by = Object.fromEntries(all.map((p) => [p.name, p]));
    expect(by.dateTime).to.include({ onsetDate: '2020-02-03', abatementDate: '2020-03-01' });
    expect(by.period).to.include({ onsetDate: '2019-05', abatementDate: '2019-07' });
    expect(by.age).to.include({ onsetText: 'at age 45 years', abatementText: 'at age 50 years' });
    expect(by.range).to.include({ onsetText: 'at age 20 to 30 years' });
    expect(by.string).to.include({ onsetText: 'In her teens', abatementText: 'After treatment' });
  });

  it('carries severity, category, significance, body site and notes', () => {
    const [problem] = groupProblems(
      [
        condition('Leg ulcer', {
          severity: { coding: [{ system: 'http://snomed.info/sct', code: '24484000', display: 'Severe' }] },
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item', display: 'Problem List Item' }] }],
          bodySite: [{ text: 'Left lower leg' }],
          note: [{ text: 'Dressed twice weekly by district nurse' }],
          extension: [significance('major')],
        }),
      ],
      { now: NOW },
    ).active;
    expect(problem).to.include({ severity: 'Severe', significance: 'major' });
    expect(problem.categories).to.deep.equal(['Problem List Item']);
    expect(problem.categoryCodes).to.deep.equal(['problem-list-item']);
    expect(problem.bodySites).to.deep.equal(['Left lower leg']);
    expect(problem.notes).to.deep.equal(['Dressed twice weekly by district nurse']);
  });

  describe('real examples', () => {
    it('places every Synthea condition in exactly one group', async () => {
      for (const file of SYNTHEA_BUNDLES) {
        const conditions = resourcesOf<Condition>(await loadFixture<Bundle>(`synthea/${file}`), 'Condition');
        const groups = groupProblems(conditions, { now: NOW });
        const placed = [...groups.active, ...groups.inactive, ...groups.resolved, ...groups.pastSignificant, ...groups.excluded.refuted];
        expect(placed.length + groups.excluded.enteredInError, file).to.equal(conditions.length);
        expect(new Set(placed.map((p) => p.id)).size, file).to.equal(placed.length);
      }
    });

    it('reads the HL7 condition examples, keeping the differential diagnosis flagged', async () => {
      const files = ['condition-example.json', 'condition-example2.json', 'condition-example-f001-heart.json', 'condition-example-f201-fever.json', 'condition-example-f205-infection.json', 'condition-example-stroke.json'];
      const conditions = await Promise.all(files.map((f) => loadFixture<Condition>(`hl7-r4/${f}`)));
      const groups = groupProblems(conditions, { now: NOW });
      const placed = [...groups.active, ...groups.inactive, ...groups.resolved, ...groups.pastSignificant, ...groups.excluded.refuted];
      expect(placed).to.have.length(conditions.length);
      expect(placed.some((p) => p.verificationStatus === 'differential' && p.unconfirmed)).to.equal(true);
      expect(placed.every((p) => typeof p.name === 'string')).to.equal(true);
    });
  });
});
