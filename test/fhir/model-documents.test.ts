import { expect } from '@open-wc/testing';
import type { Attachment, Bundle, Composition, DocumentReference, Encounter, FhirResource } from '@care-record/fhir';
import {
  classifyAttachment,
  createResourceLookup,
  DischargeDocumentMerge,
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

  it('classifies a resource again after it changes (only frozen resources, as searches return them, are remembered)', () => {
    const changing = composition();
    expect(kindOfSummary(changing)).to.equal('discharge');
    changing.type = { coding: [{ system: SNOMED, code: '312711000000101' }] };
    expect(kindOfSummary(changing)).to.equal('ambulance');
    const frozen = Object.freeze(composition({ type: { text: 'Ambulance patient report' } }));
    expect([kindOfSummary(frozen), kindOfSummary(frozen)]).to.deep.equal(['ambulance', 'ambulance']);
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

  describe('a summary published twice for one admission', () => {
    const stay = { reference: 'Encounter/stay' };

    it('takes a PDF that shares only the admission with a Composition as its rendering: one row, with the file', () => {
      const summary = composition({ encounter: stay, date: '2024-03-12T10:00:00Z' });
      const pdf = documentReference({ context: { encounter: [{ reference: 'https://fhir.example/R4/Encounter/stay' }] }, date: '2024-03-12T15:05:00Z' });
      const { items } = mergeDischargeDocuments([summary], [pdf]);
      expect(items.map((i) => i.id)).to.deep.equal([summary.id]);
      expect(items[0].mergedReferences).to.deep.equal([`DocumentReference/${pdf.id}`]);
      expect(items[0].attachments.map((a) => [a.kind, a.documentReference])).to.deep.equal([['pdf', `DocumentReference/${pdf.id}`]]);
      expect(items[0].encounterReferences).to.deep.equal(['Encounter/stay', 'https://fhir.example/R4/Encounter/stay']);
    });

    it('gives the file to the newest summary of that admission that has not been replaced', () => {
      const older = composition({ encounter: stay, date: '2024-03-10T10:00:00Z' });
      const newest = composition({ encounter: stay, date: '2024-03-14T10:00:00Z' });
      const replacedNewer = composition({ encounter: stay, date: '2024-03-13T10:00:00Z' });
      const amendment = composition({ date: '2024-03-15T10:00:00Z', relatesTo: [{ code: 'replaces', targetReference: { reference: `Composition/${newest.id}` } }] });
      const pdf = documentReference({ context: { encounter: [stay] } });
      const { items } = mergeDischargeDocuments([older, replacedNewer, newest, amendment], [pdf]);
      expect(items.filter((i) => i.mergedReferences.length).map((i) => i.id)).to.deep.equal([replacedNewer.id]);
    });

    it('keeps a file of another kind of summary, another admission, or one that names its own document, as a row of its own', () => {
      const summary = composition({ encounter: stay });
      const edLetter = documentReference({ context: { encounter: [stay] }, type: { coding: [{ system: LOINC, code: '59258-4' }] } });
      const otherStay = documentReference({ context: { encounter: [{ reference: 'Encounter/another' }] } });
      const namesAnother = documentReference({ context: { encounter: [stay], related: [{ reference: 'Composition/elsewhere' }] } });
      const carePlan = documentReference({ context: { encounter: [stay] }, type: { coding: [{ system: SNOMED, code: '734163000' }] } });
      const carePlanComposition = composition({ encounter: stay, type: { coding: [{ system: SNOMED, code: '734163000' }] } });
      const { items } = mergeDischargeDocuments([summary, carePlanComposition], [edLetter, otherStay, namesAnother, carePlan]);
      expect(items.every((i) => i.mergedReferences.length === 0)).to.equal(true);
      expect(items).to.have.length(6);
    });

    it('never gives a file to a summary entered in error for the same admission', () => {
      const withdrawn = composition({ encounter: stay, status: 'entered-in-error' });
      const pdf = documentReference({ context: { encounter: [stay] } });
      const list = mergeDischargeDocuments([withdrawn], [pdf]);
      expect(list.items.map((i) => i.id)).to.deep.equal([pdf.id]);
      expect(list.excludedEnteredInError).to.equal(1);
    });
  });

  describe('an amended summary', () => {
    it('replaces the preliminary one, which stays listed and is marked superseded', () => {
      const preliminary = composition({ id: 'pre', status: 'preliminary', date: '2024-03-12T10:00:00Z' });
      const amended = composition({ status: 'amended', date: '2024-03-13T10:00:00Z', relatesTo: [{ code: 'replaces', targetReference: { reference: 'Composition/pre' } }] });
      const unrelated = composition({ date: '2024-03-11T10:00:00Z', relatesTo: [{ code: 'appends', targetReference: { reference: 'Composition/pre' } }] });
      const { items } = mergeDischargeDocuments([preliminary, amended, unrelated], []);
      expect(items.map((i) => [i.id, i.status, i.superseded])).to.deep.equal([
        [amended.id, 'amended', false],
        ['pre', 'preliminary', true],
        [unrelated.id, 'final', false],
      ]);
    });

    it('leaves the preliminary summary unmarked when asked to (a list that shows one status word per summary)', () => {
      const preliminary = composition({ id: 'pre-2', status: 'preliminary' });
      const amended = composition({ relatesTo: [{ code: 'replaces', targetReference: { reference: 'Composition/pre-2' } }] });
      const { items } = mergeDischargeDocuments([preliminary, amended], [], { markReplaced: false });
      expect(items.map((i) => i.superseded)).to.deep.equal([false, false]);
    });

    it('replaces by an absolute or urn:uuid reference too', () => {
      const first = composition({ id: 'first' });
      const second = composition({ id: 'second' });
      const amendments = [
        composition({ relatesTo: [{ code: 'replaces', targetReference: { reference: 'https://fhir.example/R4/Composition/first' } }] }),
        composition({ relatesTo: [{ code: 'replaces', targetReference: { reference: 'urn:uuid:second' } }] }),
      ];
      const { items } = mergeDischargeDocuments([first, second, ...amendments], []);
      expect(items.filter((i) => i.superseded).map((i) => i.id)).to.have.members(['first', 'second']);
    });
  });

  describe('DischargeDocumentMerge, a page at a time', () => {
    const stay = (n: number) => ({ reference: `Encounter/stay-${n}` });
    const day = (n: number) => `2024-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00Z`;

    /** A record with every way documents meet: renderings by each kind of link, same admissions, amendments, withdrawals, repeats. */
    function record(): { compositions: Composition[]; documentReferences: DocumentReference[] } {
      const compositions: Composition[] = [];
      const documentReferences: DocumentReference[] = [];
      for (let n = 0; n < 40; n++) {
        const c = composition({ id: `c-${n}`, encounter: stay(n % 15), date: n % 9 === 0 ? undefined : day(n * 7), identifier: { value: `doc-${n}` } });
        if (n % 6 === 5) c.relatesTo = [{ code: 'replaces', targetReference: { reference: `Composition/c-${n - 3}` } }];
        if (n % 13 === 4) c.status = 'entered-in-error';
        if (n % 10 === 3) c.type = { coding: [{ system: LOINC, code: '59258-4' }] };
        compositions.push(c);
      }
      for (let n = 0; n < 50; n++) {
        const target = (n * 11) % 45;
        const fields: Array<Partial<DocumentReference>> = [
          { relatesTo: [{ code: 'transforms', target: { reference: `Composition/c-${target}` } }] },
          { masterIdentifier: { value: `doc-${target}` } },
          { context: { encounter: [stay(n % 17)] } },
          { content: [{ attachment: { contentType: 'application/fhir+json', url: `https://fhir.example/R4/Composition/c-${target}/$document` } }] },
          { context: { encounter: [stay(n % 15)] }, date: day(n * 5) },
          { status: 'entered-in-error', context: { encounter: [stay(n % 15)] } },
          {},
        ];
        documentReferences.push(documentReference({ id: `d-${n}`, date: n % 8 === 0 ? undefined : day(n * 3), ...fields[n % fields.length] }));
      }
      // The same documents again on a later page (servers repeat entries across pages).
      return { compositions: [...compositions, compositions[3]], documentReferences: [...documentReferences, documentReferences[4]] };
    }

    function pages<T>(items: T[], size: number): T[][] {
      return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
    }

    for (const [compositionPage, documentPage] of [
      [7, 5],
      [3, 11],
      [41, 2],
      [1, 1],
    ]) {
      it(`gives the list a single merge gives, after every page (pages of ${compositionPage} Compositions and ${documentPage} documents)`, () => {
        const { compositions, documentReferences } = record();
        const compositionPages = pages(compositions, compositionPage);
        const documentPages = pages(documentReferences, documentPage);
        const merge = new DischargeDocumentMerge();
        for (let page = 0; page < Math.max(compositionPages.length, documentPages.length); page++) {
          const list = merge.add(compositionPages[page] ?? [], documentPages[page] ?? []);
          const everything = mergeDischargeDocuments(compositionPages.slice(0, page + 1).flat(), documentPages.slice(0, page + 1).flat());
          expect(list, `after page ${page + 1}`).to.deep.equal(everything);
        }
        expect(merge.list.items.some((i) => i.superseded)).to.equal(true);
        expect(merge.list.items.some((i) => i.mergedReferences.length > 1)).to.equal(true);
      });
    }

    it('moves a file into its summary when the summary comes on a later page, and keeps unchanged rows as they were', () => {
      const pdf = documentReference({ context: { encounter: [{ reference: 'Encounter/stay' }] }, date: '2024-03-12T15:00:00Z' });
      const alone = documentReference({ date: '2024-01-01T09:00:00Z' });
      const merge = new DischargeDocumentMerge();
      const first = merge.add([], [pdf, alone]);
      expect(first.items.map((i) => i.id)).to.deep.equal([pdf.id, alone.id]);
      const summary = composition({ encounter: { reference: 'Encounter/stay' }, date: '2024-03-12T10:00:00Z' });
      const second = merge.add([summary], []);
      expect(second.items.map((i) => i.id)).to.deep.equal([summary.id, alone.id]);
      expect(second.items[0].mergedReferences).to.deep.equal([`DocumentReference/${pdf.id}`]);
      expect(second.items[1]).to.equal(first.items[1]);
    });

    it('marks a summary replaced by an amendment from an earlier page, and counts a withdrawn summary whose file came first', () => {
      const merge = new DischargeDocumentMerge();
      const pdf = documentReference({ relatesTo: [{ code: 'transforms', target: { reference: 'Composition/withdrawn' } }] });
      merge.add([composition({ relatesTo: [{ code: 'replaces', targetReference: { reference: 'Composition/pre' } }] })], [pdf]);
      const list = merge.add([composition({ id: 'pre', status: 'preliminary' }), composition({ id: 'withdrawn', status: 'entered-in-error' })], []);
      expect(list.items.find((i) => i.id === 'pre')?.superseded).to.equal(true);
      expect(list.items.map((i) => i.id)).not.to.include(pdf.id);
      expect(list.excludedEnteredInError).to.equal(2);
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
