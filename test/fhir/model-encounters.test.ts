import { expect } from '@open-wc/testing';
import type { Bundle, Composition, DocumentReference, Encounter } from '@care-record/fhir';
import { createResourceLookup, encounterKind, encounterTimeline } from '../../packages/fhir/src/model/index.js';
import { loadFixture, resourcesOf, SYNTHEA_BUNDLES } from './model-fixtures.js';

const SNOMED = 'http://snomed.info/sct';
const ACT = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

let counter = 0;
function encounter(fields: Partial<Encounter> = {}): Encounter {
  return { resourceType: 'Encounter', id: `e${++counter}`, status: 'finished', class: { system: ACT, code: 'AMB' }, period: { start: '2024-01-01T10:00:00Z' }, ...fields };
}

describe('encounters', () => {
  describe('encounterKind', () => {
    const cases: Array<[string, Partial<Encounter>, string]> = [
      ['class IMP', { class: { system: ACT, code: 'IMP' } }, 'inpatient'],
      ['class ACUTE', { class: { system: ACT, code: 'ACUTE' } }, 'inpatient'],
      ['class SS (short stay)', { class: { system: ACT, code: 'SS' } }, 'inpatient'],
      ['class EMER', { class: { system: ACT, code: 'EMER' } }, 'emergency'],
      ['a service type of Accident and Emergency service (SNOMED 310000008)', { serviceType: { coding: [{ system: SNOMED, code: '310000008' }] } }, 'emergency'],
      ['a type of Emergency room admission (SNOMED 50849002)', { type: [{ coding: [{ system: SNOMED, code: '50849002' }] }] }, 'emergency'],
      ['a type that says A&E', { type: [{ text: 'A&E attendance' }] }, 'emergency'],
      ['a type that names the ambulance service', { class: { system: ACT, code: 'FLD' }, type: [{ text: 'Ambulance attendance (see and treat)' }] }, 'ambulance'],
      ['a service type that names the ambulance service', { class: { system: ACT, code: 'EMER' }, serviceType: { coding: [{ system: SNOMED, display: 'Ambulance service' }] } }, 'ambulance'],
      ['a service provider that is an ambulance trust', { class: { system: ACT, code: 'FLD' }, serviceProvider: { display: 'London Ambulance Service NHS Trust' } }, 'ambulance'],
      ['class AMB (ambulatory, not ambulance)', { class: { system: ACT, code: 'AMB', display: 'ambulatory' } }, 'outpatient'],
      ['class VR', { class: { system: ACT, code: 'VR' } }, 'virtual'],
      ['a telephone consultation (SNOMED 185317003)', { type: [{ coding: [{ system: SNOMED, code: '185317003' }] }] }, 'virtual'],
      ['a telemedicine type', { type: [{ text: 'Telemedicine consultation with patient' }] }, 'virtual'],
      ['class HH (home health)', { class: { system: ACT, code: 'HH' } }, 'community'],
      ['a district nursing visit', { class: { system: ACT, code: 'FLD' }, type: [{ text: 'District nursing visit' }] }, 'community'],
      ['class FLD with nothing else', { class: { system: ACT, code: 'FLD' } }, 'community'],
      ['class OBSENC', { class: { system: ACT, code: 'OBSENC' } }, 'other'],
    ];
    for (const [what, fields, kind] of cases) {
      it(`calls an encounter with ${what} "${kind}"`, () => expect(encounterKind(encounter(fields))).to.equal(kind));
    }

    it('names the provider from a resolved Organization when deciding', () => {
      const lookup = createResourceLookup([{ resourceType: 'Organization', id: 'las', name: 'London Ambulance Service' }]);
      expect(encounterKind(encounter({ class: { code: 'FLD' }, serviceProvider: { reference: 'Organization/las' } }), lookup)).to.equal('ambulance');
    });
  });

  describe('encounterTimeline', () => {
    it('lists encounters newest first with reason, location, period, discharge disposition, provider and status', () => {
      const lookup = createResourceLookup([
        { resourceType: 'Location', id: 'ward', name: 'Ward 7' },
        { resourceType: 'Condition', id: 'cond', subject: { reference: 'Patient/p1' }, code: { text: 'Fractured neck of femur' } },
      ]);
      const stay = encounter({
        id: 'stay',
        class: { code: 'IMP' },
        period: { start: '2024-02-20T10:00:00Z', end: '2024-03-01T12:00:00Z' },
        reasonCode: [{ text: 'Fall at home' }],
        reasonReference: [{ reference: 'Condition/cond' }],
        location: [{ location: { reference: 'Location/ward' }, status: 'completed' }],
        hospitalization: { dischargeDisposition: { coding: [{ code: 'home', display: 'Home' }] }, admitSource: { text: 'Emergency department' } },
        serviceProvider: { display: 'St James University Hospital' },
      });
      const earlier = encounter({ id: 'earlier', period: { start: '2023-06-01' } });
      const { items } = encounterTimeline([earlier, stay], { resolve: lookup });
      expect(items.map((i) => i.id)).to.deep.equal(['stay', 'earlier']);
      expect(items[0]).to.include({ kind: 'inpatient', status: 'finished', start: '2024-02-20T10:00:00Z', end: '2024-03-01T12:00:00Z', dischargeDisposition: 'Home', admitSource: 'Emergency department' });
      expect(items[0].reasons).to.deep.equal(['Fall at home', 'Fractured neck of femur']);
      expect(items[0].locations).to.deep.equal([{ reference: 'Location/ward', resourceType: 'Location', name: 'Ward 7', status: 'completed' }]);
      expect(items[0].serviceProvider?.name).to.equal('St James University Hospital');
    });

    it('links the summaries written for each encounter', () => {
      const attendance = encounter({ id: 'ed', class: { code: 'EMER' } });
      const stay = encounter({ id: 'stay', class: { code: 'IMP' }, period: { start: '2024-01-02' } });
      const edSummary: Composition = {
        resourceType: 'Composition',
        id: 'eds',
        status: 'final',
        type: { coding: [{ system: SNOMED, code: '373942005' }] },
        extension: [{ url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-CareSettingType', valueCodeableConcept: { coding: [{ system: SNOMED, code: '310000008' }] } }],
        encounter: { reference: 'Encounter/ed' },
        date: '2024-01-01',
        author: [],
        title: 'ED summary',
      };
      const dischargePdf: DocumentReference = {
        resourceType: 'DocumentReference',
        id: 'dis',
        status: 'current',
        type: { coding: [{ system: SNOMED, code: '373942005' }] },
        context: { encounter: [{ reference: 'https://fhir.example/R4/Encounter/stay' }] },
        content: [{ attachment: { contentType: 'application/pdf' } }],
      };
      const { items } = encounterTimeline([attendance, stay], { compositions: [edSummary], documentReferences: [dischargePdf] });
      const byId = new Map(items.map((i) => [i.id, i] as const));
      expect(byId.get('ed')?.linkedSummaries.map((s) => [s.id, s.kind])).to.deep.equal([['eds', 'emergency-department']]);
      expect(byId.get('stay')?.linkedSummaries.map((s) => [s.id, s.kind])).to.deep.equal([['dis', 'discharge']]);
    });

    it("links each summary once, by any way of writing the encounter's reference, and keeps a replaced summary's own status", () => {
      const stay = encounter({ id: 'stay', class: { code: 'IMP' } });
      const clinic = encounter({ id: 'clinic' });
      const summary = (id: string, fields: Partial<Composition>): Composition => ({
        resourceType: 'Composition',
        id,
        status: 'final',
        type: { coding: [{ system: SNOMED, code: '373942005' }] },
        date: '2024-01-03',
        author: [],
        title: id,
        ...fields,
      });
      const preliminary = summary('pre', { status: 'preliminary', encounter: { reference: 'urn:uuid:stay' }, date: '2024-01-03' });
      const amended = summary('amd', {
        status: 'amended',
        encounter: { reference: 'Encounter/stay' },
        date: '2024-01-04',
        relatesTo: [{ code: 'replaces', targetReference: { reference: 'Composition/pre' } }],
      });
      const letter: DocumentReference = {
        resourceType: 'DocumentReference',
        id: 'letter',
        status: 'current',
        type: { coding: [{ system: SNOMED, code: '373942005' }] },
        context: { encounter: [{ reference: 'https://fhir.example/R4/Encounter/stay' }, { reference: 'Encounter/stay' }] },
        content: [{ attachment: { contentType: 'application/pdf' } }],
      };
      const { items } = encounterTimeline([stay, clinic], { compositions: [preliminary, amended], documentReferences: [letter] });
      const linked = items.find((i) => i.id === 'stay')!.linkedSummaries;
      // The letter shares only the admission: it is the newest summary's file, not a summary of its own.
      expect(linked.map((s) => [s.id, s.status, s.superseded, s.mergedReferences])).to.deep.equal([
        ['amd', 'amended', false, ['DocumentReference/letter']],
        ['pre', 'preliminary', false, []],
      ]);
      expect(items.find((i) => i.id === 'clinic')!.linkedSummaries).to.deep.equal([]);
    });

    it('removes entered-in-error encounters and counts them', () => {
      const timeline = encounterTimeline([encounter({ status: 'entered-in-error' }), encounter()]);
      expect(timeline.items).to.have.length(1);
      expect(timeline.excluded.enteredInError).to.equal(1);
    });
  });

  describe('real examples', () => {
    it('reads the HL7 encounter examples: the emergency admission is inpatient, the home visit community', async () => {
      const [emergencyAdmission, home, inpatient] = await Promise.all(
        ['encounter-example-emerg.json', 'encounter-example-home.json', 'encounter-example-f203-20130311.json'].map((f) => loadFixture<Encounter>(`hl7-r4/${f}`)),
      );
      const { items } = encounterTimeline([emergencyAdmission, home, inpatient]);
      expect(items.map((i) => [i.id, i.kind])).to.deep.equal([
        ['emerg', 'inpatient'],
        ['home', 'community'],
        ['f203', 'inpatient'],
      ]);
      expect(items[0].locations.map((l) => l.name)).to.include('Emergency Waiting Room');
    });

    it('shows every Synthea encounter once, telemedicine as virtual, with its clinical notes linked', async () => {
      const bundle = await loadFixture<Bundle>(`synthea/${SYNTHEA_BUNDLES[6]}`);
      const encounters = resourcesOf<Encounter>(bundle, 'Encounter');
      const notes = resourcesOf<DocumentReference>(bundle, 'DocumentReference');
      const timeline = encounterTimeline(encounters, { documentReferences: notes });
      expect(timeline.items.length + timeline.excluded.enteredInError).to.equal(encounters.length);
      expect(timeline.items.reduce((n, i) => n + i.linkedSummaries.length, 0)).to.equal(notes.length);
      for (const file of SYNTHEA_BUNDLES) {
        const other = resourcesOf<Encounter>(await loadFixture<Bundle>(`synthea/${file}`), 'Encounter');
        const items = encounterTimeline(other).items;
        expect(items.length, file).to.equal(other.length);
        for (const item of items) {
          const type = item.types.join(' ');
          if (/telemedicine/i.test(type)) expect(item.kind, type).to.equal('virtual');
          if (item.classCode === 'EMER') expect(item.kind, type).to.equal('emergency');
        }
      }
    });
  });
});
