import { expect } from '@open-wc/testing';
import type { Attachment, Bundle, Composition, DocumentReference, Encounter, FhirResource } from '@care-record/fhir';
import {
  classifyAttachment,
  createResourceLookup,
  documentSections,
  isDischargeSummary,
  kindOfSummary,
  mergeDischargeDocuments,
} from '../../packages/fhir/src/model/index.js';
import { loadFixture, resourcesOf, SYNTHEA_BUNDLES } from './model-fixtures.js';

const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const CARE_SETTING = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-CareSettingType';

let counter = 0;
function composition(fields: Partial<Composition> = {}): Composition {
  return {
    resourceType: 'Composition',
    id: `c${++counter}`,
    status: 'final',
    type: { coding: [{ system: SNOMED, code: '373942005', display: 'Discharge summary' }] },
    subject: { reference: 'Patient/p1' },
    date: '2024-03-01T10:00:00Z',
    author: [{ reference: 'Practitioner/dr', display: 'Dr Gose' }],
    title: 'Discharge summary',
    ...fields,
  };
}

function documentReference(fields: Partial<DocumentReference> = {}): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id: `d${++counter}`,
    status: 'current',
    type: { coding: [{ system: SNOMED, code: '373942005', display: 'Discharge summary' }] },
    subject: { reference: 'Patient/p1' },
    date: '2024-02-01T10:00:00Z',
    content: [{ attachment: { contentType: 'application/pdf', url: 'https://docs.example/summary.pdf', title: 'Discharge summary (PDF)' } }],
    ...fields,
  };
}

describe('discharge summaries and documents', () => {
  describe('kindOfSummary and isDischargeSummary', () => {
    const cases: Array<[string, FhirResource, string]> = [
      ['a Composition typed SNOMED 373942005 Discharge summary', composition(), 'discharge'],
      ['a Composition typed LOINC 18842-5 Discharge summary', composition({ type: { coding: [{ system: LOINC, code: '18842-5' }] } }), 'discharge'],
      ['a Composition typed LOINC 28655-9 (attending physician discharge summary)', composition({ type: { coding: [{ system: LOINC, code: '28655-9' }] } }), 'discharge'],
      ['a DocumentReference typed LOINC 11490-0 Physician discharge summary', documentReference({ type: { coding: [{ system: LOINC, code: '11490-0' }] } }), 'discharge'],
      ['a DocumentReference whose category is a discharge summary', documentReference({ type: { text: 'Letter' }, category: [{ coding: [{ system: SNOMED, code: '373942005' }] }] }), 'discharge'],
      [
        'a discharge Composition whose care setting is 310000008 Accident and Emergency service',
        composition({ extension: [{ url: CARE_SETTING, valueCodeableConcept: { coding: [{ system: SNOMED, code: '310000008' }] } }] }),
        'emergency-department',
      ],
      [
        'a discharge Composition with the STU3 Care Connect care setting extension',
        composition({ extension: [{ url: 'https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-CareSettingType-1', valueCodeableConcept: { coding: [{ system: SNOMED, code: '310000008' }] } }] }),
        'emergency-department',
      ],
      [
        'a DocumentReference whose practice setting is Accident and Emergency service',
        documentReference({ context: { practiceSetting: { coding: [{ system: SNOMED, code: '310000008' }] } } }),
        'emergency-department',
      ],
      ['a DocumentReference typed LOINC 59258-4 Emergency department discharge summary', documentReference({ type: { coding: [{ system: LOINC, code: '59258-4' }] } }), 'emergency-department'],
      ['a Composition typed SNOMED 312711000000101 Ambulance Service Patient Summary Report', composition({ type: { coding: [{ system: SNOMED, code: '312711000000101' }] } }), 'ambulance'],
      ['a DocumentReference whose type text names the ambulance service', documentReference({ type: { text: 'Ambulance patient report' } }), 'ambulance'],
      ['a care plan document', documentReference({ type: { coding: [{ system: SNOMED, code: '734163000', display: 'Care plan' }] } }), 'other'],
      ['a Composition with the discharge code in another system', composition({ type: { coding: [{ system: 'http://example.org', code: '373942005' }] } }), 'other'],
      ['an Observation', { resourceType: 'Observation', status: 'final', code: { text: 'Pulse' } }, 'other'],
    ];
    for (const [what, resource, kind] of cases) {
      it(`calls ${what} "${kind}"`, () => {
        expect(kindOfSummary(resource)).to.equal(kind);
        expect(isDischargeSummary(resource)).to.equal(kind !== 'other');
      });
    }
  });

  describe('classifyAttachment', () => {
    const cases: Array<[Attachment | undefined, string]> = [
      [{ contentType: 'application/pdf' }, 'pdf'],
      [{ contentType: 'application/PDF; name=x.pdf' }, 'pdf'],
      [{ contentType: 'text/html; charset=utf-8' }, 'html'],
      [{ contentType: 'application/xhtml+xml' }, 'html'],
      [{ contentType: 'text/plain; charset=utf-8' }, 'text'],
      [{ contentType: 'image/jpeg' }, 'image'],
      [{ contentType: 'application/hl7-v3+xml' }, 'other'],
      [{ url: 'https://docs.example/letter.PDF?version=2' }, 'pdf'],
      [{ url: 'https://docs.example/scan.png' }, 'image'],
      [{ url: 'https://docs.example/letter.htm' }, 'html'],
      [{}, 'other'],
      [undefined, 'other'],
    ];
    for (const [attachment, kind] of cases) {
      it(`classifies ${JSON.stringify(attachment)} as ${kind}`, () => expect(classifyAttachment(attachment)).to.equal(kind));
    }
  });

  describe('mergeDischargeDocuments', () => {
    it('lists Compositions and DocumentReferences together, newest first', () => {
      const older = composition({ date: '2023-05-01' });
      const newer = documentReference({ date: '2024-05-01' });
      const middle = composition({ date: '2023-12-24' });
      const { items } = mergeDischargeDocuments([older, middle], [newer]);
      expect(items.map((i) => [i.source, i.date])).to.deep.equal([
        ['DocumentReference', '2024-05-01'],
        ['Composition', '2023-12-24'],
        ['Composition', '2023-05-01'],
      ]);
    });

    const renderings: Array<[string, (c: Composition) => Partial<DocumentReference>]> = [
      ['relates to it', (c) => ({ relatesTo: [{ code: 'transforms', target: { reference: `Composition/${c.id}` } }] })],
      ['lists it in context.related', (c) => ({ context: { related: [{ reference: `https://fhir.example/R4/Composition/${c.id}` }] } })],
      ['shares its identifier as masterIdentifier', () => ({ masterIdentifier: { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:2d361270' } })],
      ['shares its identifier', () => ({ identifier: [{ system: 'urn:ietf:rfc:3986', value: 'urn:uuid:2d361270' }] })],
      ['relates to it by identifier', () => ({ relatesTo: [{ code: 'transforms', target: { identifier: { value: 'urn:uuid:2d361270' } } }] })],
      ['has an attachment fetching the Composition', (c) => ({ content: [{ attachment: { contentType: 'application/fhir+json', url: `https://fhir.example/R4/Composition/${c.id}` } }] })],
      ['has an attachment fetching its $document', (c) => ({ content: [{ attachment: { contentType: 'application/fhir+json', url: `https://fhir.example/R4/Composition/${c.id}/$document` } }] })],
    ];
    for (const [how, fields] of renderings) {
      it(`merges a DocumentReference that ${how} into the Composition's row as another format`, () => {
        const summary = composition({ identifier: { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:2d361270' } });
        const rendering = documentReference(fields(summary));
        const { items } = mergeDischargeDocuments([summary], [rendering]);
        expect(items).to.have.length(1);
        expect(items[0].source).to.equal('Composition');
        expect(items[0].mergedReferences).to.deep.equal([`DocumentReference/${rendering.id}`]);
        expect(items[0].attachments.map((a) => a.documentReference)).to.deep.equal(rendering.content.map(() => `DocumentReference/${rendering.id}`));
      });
    }

    it('keeps a DocumentReference for another document as its own row', () => {
      const { items } = mergeDischargeDocuments([composition({ identifier: { value: 'A' } })], [documentReference({ masterIdentifier: { value: 'B' } })]);
      expect(items.map((i) => i.source)).to.have.members(['Composition', 'DocumentReference']);
    });

    it('does not repeat a document that arrived twice', () => {
      const summary = composition();
      const pdf = documentReference();
      expect(mergeDischargeDocuments([summary, { ...summary }], [pdf, { ...pdf }]).items).to.have.length(2);
    });

    it('removes entered-in-error documents, and renderings of them, and counts them', () => {
      const withdrawn = composition({ status: 'entered-in-error' });
      const itsPdf = documentReference({ relatesTo: [{ code: 'transforms', target: { reference: `Composition/${withdrawn.id}` } }] });
      const erroneousPdf = documentReference({ status: 'entered-in-error' });
      const erroneousDocStatus = documentReference({ docStatus: 'entered-in-error' });
      const kept = documentReference();
      const list = mergeDischargeDocuments([withdrawn], [itsPdf, erroneousPdf, erroneousDocStatus, kept]);
      expect(list.items.map((i) => i.id)).to.deep.equal([kept.id]);
      expect(list.excludedEnteredInError).to.equal(4);
    });

    it('takes admission and discharge dates from the Encounter, organisation from the custodian, author from the authors', () => {
      const stay: Encounter = { resourceType: 'Encounter', id: 'stay', status: 'finished', class: { code: 'IMP' }, period: { start: '2024-02-20', end: '2024-03-01' } };
      const lookup = createResourceLookup([{ resourceType: 'Organization', id: 'trust', name: 'Leeds Teaching Hospitals NHS Trust' }]);
      const summary = composition({ encounter: { reference: 'Encounter/stay' }, custodian: { reference: 'Organization/trust' } });
      const [item] = mergeDischargeDocuments([summary], [], { encounters: [stay], resolve: lookup }).items;
      expect(item).to.include({ periodStart: '2024-02-20', periodEnd: '2024-03-01', kind: 'discharge', title: 'Discharge summary', status: 'final', typeText: 'Discharge summary' });
      expect(item.organisation).to.deep.equal({ reference: 'Organization/trust', resourceType: 'Organization', name: 'Leeds Teaching Hospitals NHS Trust' });
      expect(item.author).to.deep.equal({ reference: 'Practitioner/dr', resourceType: 'Practitioner', name: 'Dr Gose' });
      expect(item.encounterReferences).to.deep.equal(['Encounter/stay']);
    });

    it('falls back to the event period of a Composition and the context period of a DocumentReference', () => {
      const fromEvent = composition({ event: [{ period: { start: '2024-01-02', end: '2024-01-05' } }] });
      const fromContext = documentReference({ context: { period: { start: '2023-11-01', end: '2023-11-03' }, practiceSetting: { text: 'Cardiology' } } });
      const { items } = mergeDischargeDocuments([fromEvent], [fromContext]);
      expect(items.find((i) => i.source === 'Composition')).to.include({ periodStart: '2024-01-02', periodEnd: '2024-01-05' });
      expect(items.find((i) => i.source === 'DocumentReference')).to.include({ periodStart: '2023-11-01', periodEnd: '2023-11-03', careSetting: 'Cardiology' });
    });

    it('describes each attachment: kind, type, URL, size, title, whether data is inline', () => {
      const pdf = documentReference({
        docStatus: 'preliminary',
        content: [
          { attachment: { contentType: 'application/pdf', url: 'https://docs.example/a.pdf', size: 3654, title: 'Letter' } },
          { attachment: { contentType: 'text/plain', data: 'SGVsbG8=' } },
        ],
      });
      const [item] = mergeDischargeDocuments([], [pdf]).items;
      expect(item.status).to.equal('preliminary');
      expect(item.attachments).to.deep.equal([
        { kind: 'pdf', contentType: 'application/pdf', url: 'https://docs.example/a.pdf', size: 3654, title: 'Letter', hasData: false },
        { kind: 'text', contentType: 'text/plain', hasData: true },
      ]);
    });
  });

  describe('documentSections', () => {
    it('gives nested sections with titles, raw narrative, resolved entries and empty reasons', () => {
      const allergy: FhirResource = { resourceType: 'AllergyIntolerance', id: 'al', patient: { reference: 'Patient/p1' }, code: { text: 'Latex' } };
      const doc = composition({
        section: [
          {
            code: { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-RecordStandardHeadings', code: 'allergies-and-adverse-reaction', display: 'Allergies and adverse reaction' }] },
            text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Latex</p><script>x</script></div>' },
            entry: [{ reference: 'urn:uuid:al' }, { reference: 'Condition/missing', display: 'Asthma' }],
            section: [{ title: 'Reactions', emptyReason: { coding: [{ code: 'unavailable', display: 'Unavailable' }] } }],
          },
        ],
      });
      const [section] = documentSections(doc, createResourceLookup([allergy]));
      expect(section.title).to.equal('Allergies and adverse reaction');
      expect(section.narrative).to.contain('<script>');
      expect(section.entries.map((e) => [e.reference, e.resourceType, e.resource?.id, e.display])).to.deep.equal([
        ['urn:uuid:al', 'AllergyIntolerance', 'al', undefined],
        ['Condition/missing', 'Condition', undefined, 'Asthma'],
      ]);
      expect(section.sections).to.deep.equal([{ title: 'Reactions', entries: [], emptyReason: 'Unavailable', sections: [] }]);
    });
  });

  describe('real examples', () => {
    it('reads HL7\'s discharge summary document: kind, dates from its Encounter, author, sections resolved from the Bundle', async () => {
      const bundle = await loadFixture<Bundle>('hl7-r4/document-example-dischargesummary.json');
      const [summary] = resourcesOf<Composition>(bundle, 'Composition');
      const lookup = createResourceLookup(bundle);
      expect(isDischargeSummary(summary)).to.equal(true);
      const [item] = mergeDischargeDocuments([summary], [], { resolve: lookup }).items;
      expect(item).to.include({ kind: 'discharge', title: 'Discharge Summary', date: '2013-02-01T12:30:02Z', periodStart: '2013-01-20T12:30:02Z', periodEnd: '2013-02-01T12:30:02Z', status: 'final' });
      // The included Practitioner's own name wins over the reference's display ("Doctor Dave").
      expect(item.author?.name).to.equal('CAREFUL, Adam (Dr)');
      const sections = documentSections(summary, lookup);
      expect(sections.map((s) => s.title)).to.deep.equal(['Reason for admission', 'Medications on Discharge', 'Known allergies']);
      expect(sections.map((s) => s.entries.map((e) => e.resource?.resourceType))).to.deep.equal([['Observation'], ['MedicationRequest', 'MedicationStatement'], ['AllergyIntolerance']]);
      expect(sections.every((s) => s.narrative?.startsWith('<div'))).to.equal(true);
    });

    it('reads the UK Core discharge example as an emergency department summary with its sixteen headings', async () => {
      const summary = await loadFixture<Composition>('uk-core/UKCore-Composition-Discharge-Example.json');
      expect(kindOfSummary(summary)).to.equal('emergency-department');
      const [item] = mergeDischargeDocuments([summary], []).items;
      expect(item).to.include({ title: 'Accident & Emergency Discharge summary', careSetting: 'Accident and Emergency service', date: '2021-02-12T19:00:00+00:00' });
      const sections = documentSections(summary);
      expect(sections).to.have.length(16);
      expect(sections[0].title).to.equal('Allergies and adverse reaction');
    });

    it('reads the UK Core care setting example (cardiology) as a discharge summary', async () => {
      const summary = await loadFixture<Composition>('uk-core/extension-examples/UKCore-Extension-CareSettingType-Example.json');
      expect(kindOfSummary(summary)).to.equal('discharge');
      expect(mergeDischargeDocuments([summary], []).items[0].careSetting).to.equal('Cardiology service');
    });

    it('keeps every Synthea clinical note as a row of its own, none lost', async () => {
      const bundle = await loadFixture<Bundle>(`synthea/${SYNTHEA_BUNDLES[6]}`);
      const notes = resourcesOf<DocumentReference>(bundle, 'DocumentReference');
      const list = mergeDischargeDocuments([], notes);
      expect(notes.length).to.be.greaterThan(0);
      expect(list.items.length + list.excludedEnteredInError).to.equal(notes.length);
      expect(list.items.every((i) => i.attachments[0]?.kind === 'text' && i.attachments[0].hasData)).to.equal(true);
    });
  });
});
