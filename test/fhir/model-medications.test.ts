import { expect } from '@open-wc/testing';
import type { Bundle, Medication, MedicationDispense, MedicationRequest, MedicationStatement } from '@care-record/fhir';
import { buildMedicationList, createResourceLookup, dosageText, prescriptionStatus, type MedicationItem } from '../../packages/fhir/src/model/index.js';
import { loadFixture, resourcesOf } from './model-fixtures.js';

const NOW = new Date('2024-03-20T12:00:00Z');
const EPS_STATUS = 'https://fhir.nhs.uk/StructureDefinition/Extension-EPS-TaskBusinessStatus';
const eps = (code: string) => ({ url: EPS_STATUS, valueCoding: { system: 'https://fhir.nhs.uk/CodeSystem/EPS-task-business-status', code } });

let counter = 0;
function request(fields: Partial<MedicationRequest> = {}): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id: `mr${++counter}`,
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '39732311000001104', display: 'Amoxicillin 250mg capsules' }] },
    subject: { reference: 'Patient/p1' },
    authoredOn: '2024-03-10',
    ...fields,
  };
}

function dispense(fields: Partial<MedicationDispense> = {}): MedicationDispense {
  return { resourceType: 'MedicationDispense', id: `md${++counter}`, status: 'completed', medicationCodeableConcept: { text: 'Amoxicillin 250mg capsules' }, ...fields };
}

const authorising = (r: MedicationRequest) => [{ reference: `MedicationRequest/${r.id}` }];
const all = (list: { current: MedicationItem[]; past: MedicationItem[] }) => [...list.current, ...list.past];

describe('prescription status', () => {
  describe('from the EPS business status, which wins when present', () => {
    for (const [code, status, label] of [
      ['0001', 'issued', 'Sent to pharmacy (awaiting collection by pharmacy)'],
      ['0002', 'with-pharmacy', 'With pharmacy'],
      ['0003', 'with-pharmacy', 'With pharmacy (being dispensed)'],
      ['0004', 'expired', 'Expired'],
      ['0005', 'cancelled', 'Cancelled'],
      ['0006', 'dispensed', 'Dispensed'],
      ['0007', 'not-dispensed', 'Not dispensed'],
      ['0008', 'dispensed', 'Dispensed'],
      ['0009', 'not-dispensed', 'Not dispensed'],
    ] as const) {
      it(`reads EPS ${code} as "${label}"`, () => {
        const view = prescriptionStatus(request({ extension: [eps(code)] }), [], { now: NOW });
        expect(view).to.deep.include({ status, label, source: 'eps' });
        expect(view.eps?.code).to.equal(code);
      });
    }

    it('prefers the EPS status over a dispense record and over the request status', () => {
      const view = prescriptionStatus(request({ status: 'completed', extension: [eps('0002')] }), [dispense({ status: 'in-progress' })], { now: NOW });
      expect(view).to.deep.include({ status: 'with-pharmacy', label: 'With pharmacy', source: 'eps' });
    });

    it('takes the furthest EPS status when the request and a dispense disagree', () => {
      const view = prescriptionStatus(request({ extension: [eps('0001')] }), [dispense({ extension: [eps('0006')], whenHandedOver: '2024-03-12T10:00:00Z' })], { now: NOW });
      expect(view).to.deep.include({ status: 'dispensed', label: 'Dispensed 12-Mar-2024', date: '2024-03-12T10:00:00Z' });
    });

    it('shows this item\'s own outcome when the prescription is "with dispenser – active" (0003)', () => {
      const view = prescriptionStatus(request(), [dispense({ extension: [eps('0003')], whenHandedOver: '2024-03-12T10:00:00Z' })], { now: NOW });
      expect(view).to.deep.include({ status: 'dispensed', label: 'Dispensed 12-Mar-2024', source: 'dispense' });
      expect(view.eps?.code).to.equal('0003');
    });
  });

  describe('from dispense records', () => {
    for (const [fields, status, label] of [
      [{ status: 'completed', whenHandedOver: '2024-03-12T10:00:00Z' }, 'dispensed', 'Dispensed 12-Mar-2024'],
      [{ status: 'completed', whenHandedOver: '2024-03-12', quantity: { value: 10, unit: 'capsule' } }, 'partially-dispensed', 'Partially dispensed 12-Mar-2024'],
      [{ status: 'completed', quantity: { value: 0, unit: 'capsule' } }, 'not-dispensed', 'Not dispensed'],
      [{ status: 'in-progress' }, 'with-pharmacy', 'With pharmacy (being prepared)'],
      [{ status: 'preparation' }, 'with-pharmacy', 'With pharmacy (being prepared)'],
      [{ status: 'on-hold' }, 'with-pharmacy', 'With pharmacy (on hold)'],
      [{ status: 'declined' }, 'not-dispensed', 'Not dispensed'],
      [{ status: 'stopped' }, 'not-dispensed', 'Not dispensed'],
      [{ status: 'cancelled' }, 'not-dispensed', 'Not dispensed'],
    ] as const) {
      it(`reads a dispense ${fields.status}${'quantity' in fields ? ` of ${fields.quantity.value} of 21` : ''} as "${label}"`, () => {
        const ordered = request({ dispenseRequest: { quantity: { value: 21, unit: 'capsule' } } });
        expect(prescriptionStatus(ordered, [dispense(fields)], { now: NOW })).to.deep.include({ status, label, source: 'dispense' });
      });
    }

    for (const [code, status] of [
      ['0001', 'dispensed'],
      ['0002', 'not-dispensed'],
      ['0003', 'partially-dispensed'],
      ['0004', 'with-pharmacy'],
      ['0005', 'cancelled'],
    ] as const) {
      it(`reads the EPS item dispense status ${code} as ${status}`, () => {
        const type = { coding: [{ system: 'https://fhir.nhs.uk/CodeSystem/medicationdispense-type', code }] };
        expect(prescriptionStatus(request(), [dispense({ type })], { now: NOW }).status).to.equal(status);
      });
    }

    it('adds up several supplies before calling a prescription partially dispensed', () => {
      const ordered = request({ dispenseRequest: { quantity: { value: 21, unit: 'capsule' } } });
      const supplies = [
        dispense({ whenHandedOver: '2024-03-12', quantity: { value: 14, unit: 'capsule' } }),
        dispense({ whenHandedOver: '2024-03-14', quantity: { value: 7, unit: 'capsule' } }),
      ];
      expect(prescriptionStatus(ordered, supplies, { now: NOW })).to.deep.include({ status: 'dispensed', label: 'Dispensed 14-Mar-2024' });
    });

    it('lets the newest dispense decide', () => {
      const view = prescriptionStatus(request(), [dispense({ status: 'completed', whenHandedOver: '2024-02-01' }), dispense({ status: 'in-progress', whenPrepared: '2024-03-15' })], { now: NOW });
      expect(view.status).to.equal('with-pharmacy');
    });

    it('ignores entered-in-error dispenses', () => {
      expect(prescriptionStatus(request(), [dispense({ status: 'entered-in-error' })], { now: NOW })).to.deep.include({ status: 'issued', source: 'request' });
    });
  });

  describe('from the request', () => {
    for (const [fields, status, label] of [
      [{ intent: 'order', status: 'active' }, 'issued', 'Issued by GP'],
      [{ intent: 'order', status: 'completed' }, 'issued', 'Issued by GP'],
      [{ intent: 'original-order', status: 'active' }, 'issued', 'Issued by GP'],
      [{ intent: 'instance-order', status: 'active' }, 'issued', 'Issued by GP'],
      [{ intent: 'plan', status: 'active' }, 'authorised', 'Authorised (not yet issued)'],
      [{ intent: 'plan', status: 'completed' }, 'unknown', 'Course completed'],
      [{ intent: 'order', status: 'on-hold' }, 'on-hold', 'On hold'],
      [{ intent: 'order', status: 'cancelled' }, 'cancelled', 'Cancelled'],
      [{ intent: 'plan', status: 'stopped' }, 'stopped', 'Stopped'],
      [{ intent: 'order', status: 'draft' }, 'unknown', 'Draft (not yet issued)'],
      [{ intent: 'order', status: 'unknown' }, 'unknown', 'Status not known'],
    ] as const) {
      it(`reads intent ${fields.intent}, status ${fields.status} as "${label}"`, () => {
        expect(prescriptionStatus(request(fields), [], { now: NOW })).to.deep.include({ status, label, source: 'request' });
      });
    }

    it('says a hospital issued a prescription whose category is inpatient, outpatient or discharge', () => {
      const category = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/medicationrequest-category', code: 'discharge' }] }];
      expect(prescriptionStatus(request({ category }), [], { now: NOW }).label).to.equal('Issued by hospital');
    });

    it('calls an undispensed prescription expired once its validity period has ended', () => {
      const expired = request({ dispenseRequest: { validityPeriod: { start: '2023-09-01', end: '2024-03-01' } } });
      expect(prescriptionStatus(expired, [], { now: NOW })).to.deep.include({ status: 'expired', label: 'Expired' });
    });

    it('keeps a prescription valid through the whole of its last day', () => {
      const lastDay = request({ dispenseRequest: { validityPeriod: { end: '2024-03-20' } } });
      expect(prescriptionStatus(lastDay, [], { now: NOW }).status).to.equal('issued');
    });
  });
});

describe('buildMedicationList', () => {
  it('groups the issues of an authorisation under it, newest issue first, with the latest issue\'s status', () => {
    const plan = request({ intent: 'plan', authoredOn: '2023-01-05', courseOfTherapyType: { coding: [{ code: 'continuous' }] } });
    const first = request({ basedOn: [{ reference: `MedicationRequest/${plan.id}` }], authoredOn: '2024-01-10', status: 'completed' });
    const second = request({ basedOn: [{ reference: `MedicationRequest/${plan.id}` }], authoredOn: '2024-03-10', status: 'completed' });
    const supplied = dispense({ authorizingPrescription: authorising(second), whenHandedOver: '2024-03-12T09:00:00Z' });
    const list = buildMedicationList({ requests: [first, plan, second], dispenses: [supplied], now: NOW });
    expect(list.current).to.have.length(1);
    expect(list.past).to.have.length(0);
    const [item] = list.current;
    expect(item).to.include({ id: plan.id, kind: 'prescribed', course: 'repeat', authorisedDate: '2023-01-05', lastIssuedDate: '2024-03-10', status: 'dispensed', statusLabel: 'Dispensed 12-Mar-2024' });
    expect(item.issues.map((i) => i.id)).to.deep.equal([second.id, first.id]);
    expect(item.issues[0].dispenses.map((d) => d.id)).to.deep.equal([supplied.id]);
    expect(item.issues[1]).to.include({ status: 'issued', label: 'Issued by GP' });
  });

  it('shows an authorisation with no issue yet as authorised', () => {
    const [item] = buildMedicationList({ requests: [request({ intent: 'plan' })], now: NOW }).current;
    expect(item).to.include({ status: 'authorised', statusLabel: 'Authorised (not yet issued)' });
    expect(item.issues).to.deep.equal([]);
  });

  it('shows a stopped authorisation as stopped, in the past list, whatever its last issue did', () => {
    const plan = request({ intent: 'plan', status: 'stopped' });
    const issue = request({ basedOn: [{ reference: `MedicationRequest/${plan.id}` }], status: 'completed' });
    const list = buildMedicationList({ requests: [plan, issue], now: NOW });
    expect(list.current).to.have.length(0);
    expect(list.past[0]).to.include({ status: 'stopped', statusLabel: 'Stopped' });
    expect(list.past[0].issues).to.have.length(1);
  });

  it('moves an authorisation past its expiry date to the past list', () => {
    const expiry = { url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation', extension: [{ url: 'authorisationExpiryDate', valueDateTime: '2024-02-01' }] };
    const list = buildMedicationList({ requests: [request({ intent: 'plan', extension: [expiry] })], now: NOW });
    expect(list.past[0]).to.include({ status: 'expired', authorisationExpiryDate: '2024-02-01' });
  });

  it('keeps anything awaiting supply in the current list, even when its request is completed', () => {
    const list = buildMedicationList({ requests: [request({ status: 'completed', extension: [eps('0001')] })], now: NOW });
    expect(list.current[0]).to.include({ status: 'issued', statusLabel: 'Sent to pharmacy (awaiting collection by pharmacy)', statusSource: 'eps' });
  });

  it('puts a prescription on its own in the past list once cancelled, expired or stopped', () => {
    const list = buildMedicationList({ requests: [request({ extension: [eps('0005')] }), request({ dispenseRequest: { validityPeriod: { end: '2024-01-01' } } })], now: NOW });
    expect(list.current).to.have.length(0);
    expect(list.past.map((i) => i.status)).to.have.members(['cancelled', 'expired']);
  });

  it('orders each list by the latest activity, newest first', () => {
    const list = buildMedicationList({
      requests: [request({ id: 'old', authoredOn: '2023-05-01' }), request({ id: 'new', authoredOn: '2024-03-01' }), request({ id: 'mid', authoredOn: '2023-11-01' })],
      now: NOW,
    });
    expect(list.current.map((i) => i.id)).to.deep.equal(['new', 'mid', 'old']);
  });

  describe('what each item says', () => {
    it('names the medicine from a contained Medication', () => {
      const contained: Medication = { resourceType: 'Medication', id: 'med', code: { coding: [{ system: 'http://snomed.info/sct', code: '322236009', display: 'Paracetamol 500mg tablets' }] } };
      const [item] = all(buildMedicationList({ requests: [request({ medicationCodeableConcept: undefined, medicationReference: { reference: '#med' }, contained: [contained] })], now: NOW }));
      expect(item.name).to.equal('Paracetamol 500mg tablets');
    });

    it('names the medicine from an included Medication (dm+d display)', () => {
      const included: Medication = { resourceType: 'Medication', id: 'm9', code: { coding: [{ system: 'https://dmd.nhs.uk', code: '39732311000001104', display: 'Amoxicillin 250mg capsules' }] } };
      const [item] = all(buildMedicationList({ requests: [request({ medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/m9' } })], included: [included], now: NOW }));
      expect(item.name).to.equal('Amoxicillin 250mg capsules');
      expect(item.medicationCode?.coding?.[0].code).to.equal('39732311000001104');
    });

    it('falls back to the reference display when the Medication is not available', () => {
      const [item] = all(buildMedicationList({ requests: [request({ medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/gone', display: 'Timolol eye drops' } })], now: NOW }));
      expect(item.name).to.equal('Timolol eye drops');
    });

    it('carries dose, route, quantity, supply duration, repeats, prescriber and notes', () => {
      const lookup = createResourceLookup([{ resourceType: 'Practitioner', id: 'gp', name: [{ family: 'Rastall', given: ['Paul'], prefix: ['Dr'] }] }]);
      const [item] = all(
        buildMedicationList({
          requests: [
            request({
              dosageInstruction: [{ text: 'One capsule three times a day', route: { coding: [{ system: 'http://snomed.info/sct', code: '26643006', display: 'Oral' }] } }],
              dispenseRequest: { quantity: { value: 21, unit: 'capsule' }, expectedSupplyDuration: { value: 7, unit: 'day', system: 'http://unitsofmeasure.org', code: 'd' }, numberOfRepeatsAllowed: 2 },
              requester: { reference: 'Practitioner/gp' },
              note: [{ text: 'Take with food' }],
            }),
          ],
          resolve: lookup,
          now: NOW,
        }),
      );
      expect(item).to.include({ doseText: 'One capsule three times a day', route: 'Oral', quantityText: '21 capsule', supplyDurationText: '7 day', repeatsAllowed: 2, course: 'repeat' });
      expect(item.prescriber).to.deep.equal({ reference: 'Practitioner/gp', resourceType: 'Practitioner', name: 'RASTALL, Paul (Dr)' });
      expect(item.notes).to.deep.equal(['Take with food']);
    });

    for (const [code, course] of [
      ['acute', 'acute'],
      ['continuous', 'repeat'],
      ['continuous-repeating-dispensing', 'repeat-dispensing'],
      ['continuous-repeat-dispensing', 'repeat-dispensing'],
    ] as const) {
      it(`reads course of therapy "${code}" as ${course}`, () => {
        const [item] = all(buildMedicationList({ requests: [request({ courseOfTherapyType: { coding: [{ code }] } })], now: NOW }));
        expect(item.course).to.equal(course);
      });
    }

    it('reads the UK Core repeat information extension', () => {
      const repeat = {
        url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation',
        extension: [
          { url: 'numberOfRepeatPrescriptionsAllowed', valueUnsignedInt: 6 },
          { url: 'numberOfRepeatPrescriptionsIssued', valueUnsignedInt: 2 },
          { url: 'authorisationExpiryDate', valueDateTime: '2024-09-10' },
        ],
      };
      const [item] = buildMedicationList({ requests: [request({ intent: 'plan', extension: [repeat] })], now: NOW }).current;
      expect(item).to.include({ repeatsAllowed: 6, repeatsIssued: 2, authorisationExpiryDate: '2024-09-10', course: 'repeat' });
    });
  });

  describe('dose text', () => {
    it('builds the dose from its structure when there is no text', () => {
      expect(
        dosageText([{ doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }], timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } }, asNeededBoolean: true }]),
      ).to.equal('1 tablet twice a day when required');
      expect(dosageText([{ doseAndRate: [{ doseQuantity: { value: 5, unit: 'mL' } }], timing: { repeat: { frequency: 1, period: 4, periodUnit: 'h' } } }])).to.equal('5 mL every 4 hours');
      expect(dosageText([{ timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['NIGHT'], boundsDuration: { value: 7, code: 'd' } } } }])).to.equal(
        'once a day at night for 7 days',
      );
    });

    it('drops a dosage line repeated word for word', () => {
      expect(dosageText([{ text: '2 times a day for 10 days' }, { text: '2 times a day for 10 days' }])).to.equal('2 times a day for 10 days');
    });
  });

  describe('statements and dispenses without a prescription here', () => {
    it('shows a MedicationStatement on its own as a recorded item with its source', () => {
      const statement: MedicationStatement = {
        resourceType: 'MedicationStatement',
        id: 'ms1',
        status: 'active',
        medicationCodeableConcept: { text: 'Donepezil 10mg tablets' },
        subject: { reference: 'Patient/p1' },
        dateAsserted: '2024-02-01',
        informationSource: { reference: 'Organization/hosp', display: 'Leeds Teaching Hospitals' },
        dosage: [{ text: 'One at night' }],
      };
      const [item] = buildMedicationList({ statements: [statement], now: NOW }).current;
      expect(item).to.include({ kind: 'recorded', name: 'Donepezil 10mg tablets', doseText: 'One at night', statusLabel: 'Taking (recorded)', statusSource: 'statement' });
      expect(item.source.organisationName).to.equal('Leeds Teaching Hospitals');
    });

    it('merges a MedicationStatement based on a prescription into that prescription\'s item', () => {
      const plan = request({ intent: 'plan' });
      const statement: MedicationStatement = {
        resourceType: 'MedicationStatement',
        id: 'ms2',
        status: 'active',
        basedOn: [{ reference: `MedicationRequest/${plan.id}` }],
        medicationCodeableConcept: { text: 'Amoxicillin' },
        subject: { reference: 'Patient/p1' },
        extension: [{ url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationStatementLastIssueDate', valueDateTime: '2024-03-01' }],
      };
      const list = buildMedicationList({ requests: [plan], statements: [statement], now: NOW });
      expect(all(list)).to.have.length(1);
      expect(list.current[0]).to.include({ kind: 'prescribed', lastIssuedDate: '2024-03-01' });
    });

    it('shows a dispense whose prescription is not in the record as a dispensed item', () => {
      const supplied = dispense({ authorizingPrescription: [{ reference: 'MedicationRequest/elsewhere' }], whenHandedOver: '2024-03-18', daysSupply: { value: 28, unit: 'day' } });
      const list = buildMedicationList({ dispenses: [supplied], now: NOW });
      expect(list.current[0]).to.include({ kind: 'dispensed', name: 'Amoxicillin 250mg capsules', status: 'dispensed', statusLabel: 'Dispensed 18-Mar-2024' });
    });
  });

  describe('entered in error', () => {
    it('leaves out entered-in-error requests, statements and dispenses, and counts them', () => {
      const list = buildMedicationList({
        requests: [request({ status: 'entered-in-error' }), request()],
        statements: [{ resourceType: 'MedicationStatement', status: 'entered-in-error', medicationCodeableConcept: { text: 'X' }, subject: {} }],
        dispenses: [dispense({ status: 'entered-in-error' })],
        now: NOW,
      });
      expect(all(list)).to.have.length(1);
      expect(list.excluded.enteredInError).to.equal(3);
    });

    it('leaves out the issues of an entered-in-error authorisation with it', () => {
      const plan = request({ intent: 'plan', status: 'entered-in-error' });
      const issue = request({ basedOn: [{ reference: `MedicationRequest/${plan.id}` }] });
      const list = buildMedicationList({ requests: [plan, issue], now: NOW });
      expect(all(list)).to.have.length(0);
      expect(list.excluded.enteredInError).to.equal(2);
    });
  });

  describe('real examples', () => {
    const hl7Files = [
      ...['0301', '0302', '0303', '0304', '0305', '0306', '0307', '0308', '0309', '0310', '0312', '0313', '0314', '0315', '0316', '0317', '0318', '0319', '0320'],
      ...['0321', '0322', '0323', '0324', '0325', '0326', '0327', '0328', '0329', '0330', '0331', '0332', '0333', '0334', '0335', '0336', '0337', '0338', '0339'],
    ]
      .map((n) => `hl7-r4/medicationrequest${n}.json`)
      .concat(['hl7-r4/medicationrequestexample1.json', 'hl7-r4/medicationrequestexample2.json']);

    it('shows every HL7 MedicationRequest example exactly once, named and with a status', async () => {
      const requests = await Promise.all(hl7Files.map((f) => loadFixture<MedicationRequest>(f)));
      const list = buildMedicationList({ requests, now: NOW });
      const items = all(list);
      expect(items.length + list.excluded.enteredInError).to.equal(requests.length);
      expect(new Set(items.map((i) => i.key)).size).to.equal(items.length);
      expect(items.filter((i) => !i.name).map((i) => i.id)).to.deep.equal([]);
      // medicationrequestexample2 refers to Medication/med0316, which is not in the set: its display names it.
      expect(items.find((i) => i.id === 'medrx002')?.name).to.equal('prescribed medication');
      // A compounded ointment has no code: its ingredients and form name it.
      expect(items.find((i) => i.id === 'medrx0329')?.name).to.match(/White Petrolatum \(substance\) \(Ointment\)$/);
      for (const item of items) expect(item.statusLabel, item.id).to.be.a('string').and.not.equal('');
      const onHold = items.filter((i) => i.status === 'on-hold');
      expect(onHold.length).to.be.greaterThan(0);
    });

    it('joins every HL7 dispense to its prescription and every statement to its request or its own row', async () => {
      const dispenseFiles = [...Array.from({ length: 22 }, (_, i) => `03${String(i + 1).padStart(2, '0')}`), '0324', '0325', '0326', '0327', '0328', '0329', '0330', '0331', 'example8'];
      const [requests, dispenses, statements] = await Promise.all([
        Promise.all(hl7Files.map((f) => loadFixture<MedicationRequest>(f))),
        Promise.all(dispenseFiles.map((n) => loadFixture<MedicationDispense>(`hl7-r4/medicationdispense${n}.json`))),
        Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => loadFixture<MedicationStatement>(`hl7-r4/medicationstatementexample${n}.json`))),
      ]);
      const list = buildMedicationList({ requests, dispenses, statements, now: NOW });
      const items = all(list);
      // Two dispenses and one statement are entered in error; statement 1 derives from medrx002.
      expect(list.excluded.enteredInError).to.equal(3);
      expect(items.filter((i) => i.kind === 'prescribed')).to.have.length(requests.length);
      expect(items.filter((i) => i.kind === 'recorded')).to.have.length(5);
      expect(items.filter((i) => i.kind === 'dispensed')).to.have.length(0);
      const shownDispenses = items.flatMap((i) => i.dispenses.map((d) => d.id));
      expect(shownDispenses).to.have.length(dispenses.length - 2);
      expect(new Set(shownDispenses).size).to.equal(shownDispenses.length);
      expect(items.find((i) => i.id === 'medrx0321')?.dispenses).to.have.length(5);
      expect(items.find((i) => i.id === 'medrx0304')).to.include({ status: 'issued' });
      expect(items.find((i) => i.id === 'medrx0319')).to.include({ status: 'dispensed', statusLabel: 'Dispensed 26-Jun-2015' });
    });

    it('names HL7 examples from their contained Medication', async () => {
      const request0301 = await loadFixture<MedicationRequest>('hl7-r4/medicationrequest0301.json');
      const [item] = all(buildMedicationList({ requests: [request0301], now: NOW }));
      expect(item.name).to.be.a('string').and.not.equal('');
      expect(item.name).to.equal((request0301.contained?.[0] as Medication).code?.coding?.[0].display);
    });

    it('shows the UK Core MedicationRequest examples, naming the eye drops from the included Medication', async () => {
      const names = ['Amoxicillin', 'CiprofloxacinIV', 'CiprofloxacinOral', 'Clarithromycin', 'Doxycycline', 'EyeDrops', 'ParacetamolIV', 'ParacetamolOral'];
      const requests = await Promise.all(names.map((n) => loadFixture<MedicationRequest>(`uk-core/UKCore-MedicationRequest-${n}-Example.json`)));
      const eyeDrops = await loadFixture<Medication>('uk-core/UKCore-Medication-TimoptolEyeDrops-Example.json');
      const list = buildMedicationList({ requests, included: [eyeDrops], now: NOW });
      const items = all(list);
      expect(items).to.have.length(requests.length);
      expect(items.every((i) => i.course === 'acute')).to.equal(true);
      expect(items.find((i) => i.id === 'UKCore-MedicationRequest-EyeDrops-Example')?.name).to.equal(conceptName(eyeDrops));
    });

    it('reads an EPS prescription-order message: four items sent from the surgery, prescriber named', async () => {
      const bundle = await loadFixture<Bundle>('nhs-other/eps-prescription-order-multiple-dosage.json');
      const list = buildMedicationList({ requests: resourcesOf<MedicationRequest>(bundle, 'MedicationRequest'), resolve: createResourceLookup(bundle), now: NOW });
      const items = all(list);
      expect(items.map((i) => i.name)).to.have.members([
        'Amoxicillin 250mg capsules',
        'Co-codamol 30mg/500mg tablets',
        'Pseudoephedrine hydrochloride 60mg tablets',
        'Azithromycin 250mg capsules',
      ]);
      expect(items.every((i) => i.course === 'acute' && i.prescriber?.name === 'BOIN, C (DR)')).to.equal(true);
      expect(items.find((i) => i.name === 'Amoxicillin 250mg capsules')?.doseText).to.equal('2 times a day for 10 days');
      expect(items.every((i) => i.source.organisationName === 'HALLGARTH SURGERY')).to.equal(true);
    });

    it('reads an EPS dispense notification: each dispense with its contained prescription, item outcomes shown', async () => {
      const bundle = await loadFixture<Bundle>('nhs-other/eps-dispense-notification-acute-01.json');
      const list = buildMedicationList({ dispenses: resourcesOf<MedicationDispense>(bundle, 'MedicationDispense'), resolve: createResourceLookup(bundle), now: NOW });
      const byName = new Map(all(list).map((i) => [i.name, i]));
      expect(byName.size).to.equal(4);
      expect(byName.get('Amoxicillin 250mg capsules')).to.include({ kind: 'prescribed', status: 'dispensed', statusLabel: 'Dispensed 27-Nov-2022' });
      expect(byName.get('Pseudoephedrine hydrochloride 60mg tablets')).to.include({ status: 'with-pharmacy', statusLabel: 'With pharmacy (being dispensed)' });
      expect(byName.get('Azithromycin 250mg capsules')).to.include({ status: 'cancelled' });
      expect(byName.get('Amoxicillin 250mg capsules')?.dispenses[0].pharmacy?.name).to.equal('The Simple Pharmacy');
    });
  });
});

function conceptName(medication: Medication): string | undefined {
  return medication.code?.text ?? medication.code?.coding?.find((c) => c.display)?.display;
}
