import { expect } from '@open-wc/testing';
import type { Bundle, DiagnosticReport, Observation } from '@care-record/fhir';
import {
  diagnosticReportView,
  groupResults,
  normaliseInterpretation,
  observationResultView,
  observationCodeKey,
  observationHistory,
  type ObservationView,
} from '../../packages/fhir/src/model/index.js';
import { loadFixture, resourcesOf, SYNTHEA_BUNDLES } from './model-fixtures.js';

const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const UCUM = 'http://unitsofmeasure.org';

let counter = 0;
function observation(fields: Partial<Observation> = {}): Observation {
  return {
    resourceType: 'Observation',
    id: `o${++counter}`,
    status: 'final',
    code: { coding: [{ system: LOINC, code: '2823-3', display: 'Potassium' }] },
    effectiveDateTime: '2024-03-01T09:00:00Z',
    ...fields,
  };
}

function report(fields: Partial<DiagnosticReport> = {}): DiagnosticReport {
  return { resourceType: 'DiagnosticReport', id: `r${++counter}`, status: 'final', code: { text: 'Urea and electrolytes' }, ...fields };
}

const mmol = (value: number, comparator?: '<' | '>') => ({ value, unit: 'mmol/L', system: UCUM, code: 'mmol/L', ...(comparator ? { comparator } : {}) });
const flatten = (views: ObservationView[]): ObservationView[] => views.flatMap((v) => [v, ...flatten(v.members)]);

describe('results', () => {
  describe('interpretation flags', () => {
    const cases = [
      ['H', 'H', 'High', true, false],
      ['L', 'L', 'Low', true, false],
      ['HH', 'HH', 'Critically high', true, true],
      ['LL', 'LL', 'Critically low', true, true],
      ['A', 'A', 'Abnormal', true, false],
      ['AA', 'AA', 'Critically abnormal', true, true],
      ['N', 'N', 'Normal', false, false],
      ['HU', 'H', 'Significantly high', true, false],
      ['LU', 'L', 'Significantly low', true, false],
    ] as const;
    for (const [code, flag, label, abnormal, critical] of cases) {
      it(`normalises v3 ${code} to ${flag} "${label}"${critical ? ', critical' : abnormal ? ', abnormal' : ''}`, () => {
        expect(normaliseInterpretation({ coding: [{ system: V3, code }] })).to.deep.equal({ flag, code, label, abnormal, critical });
      });
    }

    it('reads an interpretation sent only as text', () => {
      expect(normaliseInterpretation({ text: 'High' })).to.include({ flag: 'H', abnormal: true });
      expect(normaliseInterpretation({ text: 'LL' })).to.include({ flag: 'LL', critical: true });
    });

    it('keeps the sender\'s words for other interpretations, without calling them abnormal', () => {
      expect(normaliseInterpretation({ coding: [{ system: V3, code: 'POS', display: 'Positive' }] })).to.deep.equal({ flag: 'other', code: 'POS', label: 'Positive', abnormal: false, critical: false });
    });

    it('uses the sender\'s text as the label when given', () => {
      expect(normaliseInterpretation({ coding: [{ system: V3, code: 'H' }], text: 'Above high normal' }).label).to.equal('Above high normal');
    });

    describe('without an interpretation', () => {
      const range = [{ low: mmol(3.5), high: mmol(5.3) }];
      it('flags a value outside the reference range as "outside-range", not H or L', () => {
        const [view] = groupResults({ observations: [observation({ valueQuantity: mmol(6.1), referenceRange: range })] }).observations;
        expect(view.flag).to.deep.equal({ flag: 'outside-range', label: 'Outside reference range', abnormal: true, critical: false, derived: true });
        expect(view.abnormal).to.equal(true);
      });

      it('does not flag a value inside the range', () => {
        const [view] = groupResults({ observations: [observation({ valueQuantity: mmol(4.2), referenceRange: range })] }).observations;
        expect(view.flag).to.equal(undefined);
        expect(view.abnormal).to.equal(false);
      });

      it('does not flag a value given with a comparator ("< 5") or in other units than the range', () => {
        const results = groupResults({
          observations: [
            observation({ valueQuantity: mmol(2, '<'), referenceRange: range }),
            observation({ valueQuantity: { value: 6.1, unit: 'mg/dL', code: 'mg/dL', system: UCUM }, referenceRange: range }),
          ],
        });
        expect(results.observations.map((o) => o.flag)).to.deep.equal([undefined, undefined]);
      });

      it('compares with a range that has no units (UK Core writes them so)', () => {
        const [view] = groupResults({ observations: [observation({ valueQuantity: { value: 18, unit: '10*9/L' }, referenceRange: [{ low: { value: 4 }, high: { value: 17 } }] })] }).observations;
        expect(view.flag?.flag).to.equal('outside-range');
      });
    });
  });

  describe('values', () => {
    it('writes each kind of value as text', () => {
      const { observations } = groupResults({
        observations: [
          observation({ id: 'q', valueQuantity: mmol(4.2) }),
          observation({ id: 's', valueString: 'Light growth of coliforms' }),
          observation({ id: 'c', valueCodeableConcept: { coding: [{ system: SNOMED, code: '10828004', display: 'Positive' }] } }),
          observation({ id: 'b', valueBoolean: false }),
          observation({ id: 'i', valueInteger: 3 }),
          observation({ id: 'd', dataAbsentReason: { text: 'Specimen unsatisfactory for evaluation' } }),
        ],
      });
      const byId = Object.fromEntries(observations.map((o) => [o.id, o]));
      expect(byId.q).to.include({ valueKind: 'quantity', valueText: '4.2 mmol/L', value: 4.2, unit: 'mmol/L' });
      expect(byId.s).to.include({ valueKind: 'string', valueText: 'Light growth of coliforms' });
      expect(byId.c).to.include({ valueKind: 'concept', valueText: 'Positive' });
      expect(byId.b).to.include({ valueKind: 'boolean', valueText: 'No' });
      expect(byId.i).to.include({ valueKind: 'integer', valueText: '3', value: 3 });
      expect(byId.d).to.include({ valueKind: 'absent', dataAbsentReason: 'Specimen unsatisfactory for evaluation' });
    });

    it('writes a blood pressure as systolic/diastolic', () => {
      const mmHg = (value: number) => ({ value, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' });
      const [view] = groupResults({
        observations: [
          observation({
            code: { coding: [{ system: LOINC, code: '85354-9', display: 'Blood pressure panel' }] },
            component: [
              { code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }] }, valueQuantity: mmHg(150), interpretation: [{ coding: [{ system: V3, code: 'H' }] }] },
              { code: { coding: [{ system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' }] }, valueQuantity: mmHg(80) },
            ],
          }),
        ],
      }).observations;
      expect(view).to.include({ valueKind: 'components', valueText: '150/80 mmHg', abnormal: true });
      expect(view.components.map((c) => [c.name, c.valueText, c.flag?.flag])).to.deep.equal([
        ['Systolic blood pressure', '150 mmHg', 'H'],
        ['Diastolic blood pressure', '80 mmHg', undefined],
      ]);
    });

    it('lists other components by name', () => {
      const [view] = groupResults({
        observations: [observation({ component: [{ code: { text: 'Left eye' }, valueString: '6/9' }, { code: { text: 'Right eye' }, valueString: '6/12' }] })],
      }).observations;
      expect(view.valueText).to.equal('Left eye: 6/9; Right eye: 6/12');
    });
  });

  describe('statuses', () => {
    for (const [status, flags] of [
      ['preliminary', { preliminary: true, amended: false, cancelled: false, statusLabel: 'Preliminary' }],
      ['amended', { preliminary: false, amended: true, cancelled: false, statusLabel: 'Amended' }],
      ['corrected', { preliminary: false, amended: true, cancelled: false, statusLabel: 'Corrected' }],
      ['cancelled', { preliminary: false, amended: false, cancelled: true, statusLabel: 'Cancelled' }],
      ['final', { preliminary: false, amended: false, cancelled: false }],
    ] as const) {
      it(`keeps a ${status} result, flagged`, () => {
        const [view] = groupResults({ observations: [observation({ status })] }).observations;
        expect(view).to.include(flags);
        if (status === 'final') expect(view.statusLabel).to.equal(undefined);
      });
    }

    it('removes entered-in-error reports and observations, in a report or not, and counts each once', () => {
      const wrong = observation({ status: 'entered-in-error' });
      const results = groupResults({
        reports: [report({ result: [{ reference: `Observation/${wrong.id}` }] }), report({ status: 'entered-in-error' })],
        observations: [wrong, observation({ status: 'entered-in-error' }), observation()],
      });
      expect(results.reports).to.have.length(1);
      expect(results.reports[0].results).to.deep.equal([]);
      expect(results.observations).to.have.length(1);
      expect(results.excluded.enteredInError).to.equal(3);
    });
  });

  describe('groupResults', () => {
    it('puts each report\'s results inside it, in the report\'s order, and leaves the rest standalone', () => {
      const sodium = observation({ id: 'na', code: { text: 'Sodium' }, valueQuantity: mmol(140) });
      const potassium = observation({ id: 'k', valueQuantity: mmol(6.8), interpretation: [{ coding: [{ system: V3, code: 'HH' }] }] });
      const pulse = observation({ id: 'pulse', code: { text: 'Pulse' } });
      const ue = report({ result: [{ reference: 'urn:uuid:k' }, { reference: 'Observation/na' }], issued: '2024-03-01T15:00:00Z', effectiveDateTime: '2024-03-01T09:00:00Z' });
      const results = groupResults({ reports: [ue], observations: [pulse, sodium, potassium] });
      expect(results.reports[0].results.map((o) => o.id)).to.deep.equal(['k', 'na']);
      expect(results.reports[0]).to.include({ abnormalCount: 1, criticalCount: 1, effective: '2024-03-01T09:00:00Z', issued: '2024-03-01T15:00:00Z' });
      expect(results.observations.map((o) => o.id)).to.deep.equal(['pulse']);
    });

    it('resolves results contained in the report and names results that were not provided', () => {
      const contained = observation({ id: 'inner' });
      const withContained = report({ contained: [contained], result: [{ reference: '#inner' }, { reference: 'Observation/absent', display: 'Chloride' }] });
      const [view] = groupResults({ reports: [withContained] }).reports;
      expect(view.results.map((o) => o.id)).to.deep.equal(['inner']);
      expect(view.missingResults).to.deep.equal([{ reference: 'Observation/absent', display: 'Chloride' }]);
    });

    it('nests panel members (hasMember) and does not show them again on their own', () => {
      const wcc = observation({ id: 'wcc', code: { text: 'White cell count' } });
      const rcc = observation({ id: 'rcc', code: { text: 'Red cell count' }, interpretation: [{ coding: [{ system: V3, code: 'L' }] }] });
      const fbc = observation({ id: 'fbc', code: { text: 'Full blood count' }, hasMember: [{ reference: 'Observation/wcc' }, { reference: 'Observation/rcc' }] });
      const results = groupResults({ observations: [wcc, rcc, fbc] });
      expect(results.observations.map((o) => o.id)).to.deep.equal(['fbc']);
      expect(results.observations[0].members.map((m) => m.id)).to.deep.equal(['wcc', 'rcc']);
      expect(results.observations[0].abnormal).to.equal(true);
    });

    it('orders reports and standalone results newest first', () => {
      const results = groupResults({
        reports: [report({ id: 'old', effectiveDateTime: '2023-01-01' }), report({ id: 'new', effectiveDateTime: '2024-01-01' }), report({ id: 'issuedOnly', issued: '2023-06-01T00:00:00Z' })],
        observations: [observation({ id: 'a', effectiveDateTime: '2022-01-01' }), observation({ id: 'b', effectiveDateTime: '2024-02-01' })],
      });
      expect(results.reports.map((r) => r.id)).to.deep.equal(['new', 'issuedOnly', 'old']);
      expect(results.observations.map((o) => o.id)).to.deep.equal(['b', 'a']);
    });

    it('carries report category, performer, conclusion and presented form', () => {
      const [view] = groupResults({
        reports: [
          report({
            category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD', display: 'Radiology' }] }],
            performer: [{ reference: 'Organization/trust', display: 'Leeds Teaching Hospitals' }],
            conclusion: 'No acute abnormality.',
            conclusionCode: [{ text: 'Normal' }],
            presentedForm: [{ contentType: 'application/pdf', url: 'https://docs.example/ct.pdf' }],
          }),
        ],
      }).reports;
      expect(view.categories).to.deep.equal(['Radiology']);
      expect(view.performers).to.deep.equal([{ reference: 'Organization/trust', resourceType: 'Organization', name: 'Leeds Teaching Hospitals' }]);
      expect(view).to.include({ conclusion: 'No acute abnormality.' });
      expect(view.conclusionCodes).to.deep.equal(['Normal']);
      expect(view.presentedForm).to.deep.equal([{ kind: 'pdf', contentType: 'application/pdf', url: 'https://docs.example/ct.pdf', hasData: false }]);
    });
  });

  describe('one report or one result at a time', () => {
    const members = () => {
      const wcc = observation({ id: 'wcc', code: { text: 'White cell count' }, valueQuantity: mmol(11.2), interpretation: [{ coding: [{ system: V3, code: 'H' }] }] });
      const fbc = observation({ id: 'fbc', code: { text: 'Full blood count' }, hasMember: [{ reference: 'Observation/wcc' }] });
      const lookup = (reference: { reference?: string } | string | undefined) => {
        const text = typeof reference === 'string' ? reference : reference?.reference;
        return [wcc, fbc].find((o) => text === `Observation/${o.id}`);
      };
      return { wcc, fbc, lookup };
    };

    it('makes the same views as groupResults', () => {
      const { fbc, lookup } = members();
      const sodium = observation({ id: 'na', code: { text: 'Sodium' }, valueQuantity: mmol(140) });
      const ue = report({ result: [{ reference: 'Observation/fbc' }, { reference: '#na' }, { reference: 'Observation/absent' }], contained: [sodium], performer: [{ display: 'Leeds Pathology' }] });
      expect(diagnosticReportView(ue, lookup)).to.deep.equal(groupResults({ reports: [ue], resolve: lookup }).reports[0]);
      expect(observationResultView(fbc, lookup)).to.deep.equal(groupResults({ observations: [fbc], resolve: lookup }).observations[0]);
    });

    it('builds a result a widget has already shown once: its report takes the view made before, and keeps the ones it makes', () => {
      const { fbc, lookup } = members();
      const views = new WeakMap<Observation, ObservationView>();
      const shown = observationResultView(fbc, lookup);
      views.set(fbc, shown);
      const first = diagnosticReportView(report({ result: [{ reference: 'Observation/fbc' }] }), lookup, views)!;
      expect(first.results[0]).to.equal(shown);
      expect(first.abnormalCount).to.equal(1);
      const other = observation({ id: 'other', code: { text: 'CRP' } });
      const second = diagnosticReportView(report({ contained: [other], result: [{ reference: '#other' }] }), lookup, views)!;
      expect(views.get(other)).to.equal(second.results[0]);
    });

    it('gives no view of a report entered in error', () => {
      expect(diagnosticReportView(report({ status: 'entered-in-error' }))).to.equal(undefined);
    });
  });

  describe('observationCodeKey', () => {
    it('takes the first LOINC or SNOMED coding', () => {
      expect(observationCodeKey(observation({ code: { coding: [{ system: 'http://local', code: 'K' }, { system: SNOMED, code: '59573005' }, { system: LOINC, code: '2823-3' }] } }))).to.equal(
        `${SNOMED}|59573005`,
      );
    });

    it('falls back to another coded system, and gives nothing for text only', () => {
      expect(observationCodeKey(observation({ code: { coding: [{ display: 'no code' }, { system: 'http://local', code: 'K' }] } }))).to.equal('http://local|K');
      expect(observationCodeKey(observation({ code: { text: 'Potassium' } }))).to.equal(undefined);
    });
  });

  describe('observationHistory', () => {
    const key = `${LOINC}|2823-3`;
    it('gives the numeric values of one test oldest first, with their flags', () => {
      const history = observationHistory(
        [
          observation({ effectiveDateTime: '2024-03-01', valueQuantity: mmol(5.9), interpretation: [{ coding: [{ system: V3, code: 'H' }] }] }),
          observation({ effectiveDateTime: '2023-01-01', valueQuantity: mmol(4.1) }),
          observation({ code: { coding: [{ system: LOINC, code: '2951-2' }] }, valueQuantity: mmol(140) }),
        ],
        key,
      );
      expect(history.points.map((p) => [p.date, p.value, p.flag])).to.deep.equal([
        ['2023-01-01', 4.1, undefined],
        ['2024-03-01', 5.9, 'H'],
      ]);
      expect(history).to.include({ name: 'Potassium', unit: 'mmol/L', consistentUnits: true });
    });

    it('says when the values were recorded in different units', () => {
      const history = observationHistory(
        [observation({ valueQuantity: mmol(4.1) }), observation({ effectiveDateTime: '2024-04-01', valueQuantity: { value: 16, unit: 'mg/dL' } })],
        key,
      );
      expect(history.consistentUnits).to.equal(false);
      expect(history.unit).to.equal(undefined);
      expect(history.units).to.deep.equal(['mmol/L', 'mg/dL']);
    });

    it('leaves out entered-in-error, cancelled, non-numeric and undated results, and counts them', () => {
      const history = observationHistory(
        [
          observation({ status: 'entered-in-error', valueQuantity: mmol(9) }),
          observation({ status: 'cancelled' }),
          observation({ valueString: 'Haemolysed' }),
          observation({ effectiveDateTime: undefined, valueQuantity: mmol(4) }),
          observation({ valueQuantity: mmol(4.4) }),
        ],
        key,
      );
      expect(history.points).to.have.length(1);
      expect(history.excluded).to.deep.equal({ enteredInError: 1, cancelled: 1, nonNumeric: 1, undated: 1 });
    });

    it('follows a component, such as the systolic pressure within blood pressures', () => {
      const bp = (date: string, systolic: number) =>
        observation({
          effectiveDateTime: date,
          code: { coding: [{ system: LOINC, code: '85354-9' }] },
          component: [{ code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }] }, valueQuantity: { value: systolic, unit: 'mmHg' } }],
        });
      const history = observationHistory([bp('2024-02-01', 150), bp('2024-01-01', 140)], `${LOINC}|8480-6`);
      expect(history.points.map((p) => [p.value, p.from])).to.deep.equal([
        [140, 'component'],
        [150, 'component'],
      ]);
      expect(history.name).to.equal('Systolic blood pressure');
    });
  });

  describe('real examples', () => {
    it('reads the UK Core laboratory report: the full blood count panel with its two counts', async () => {
      const names = ['DiagnosticReport-Lab-DiagnosticStudiesReport', 'Observation-Group-FullBloodCount', 'Observation-Lab-WhiteCellCount', 'Observation-Lab-RedCellCount'];
      const [labReport, ...observations] = await Promise.all(names.map((n) => loadFixture<DiagnosticReport | Observation>(`uk-core/UKCore-${n}-Example.json`)));
      const results = groupResults({ reports: [labReport as DiagnosticReport], observations: observations as Observation[] });
      expect(results.observations).to.deep.equal([]);
      const [view] = results.reports;
      expect(view).to.include({ name: 'Diagnostic studies report', effective: '2023-01-13T14:53:23+00:00' });
      expect(view.performers[0].name).to.equal('LEEDS TEACHING HOSPITALS NHS TRUST');
      expect(view.results.map((o) => o.name)).to.deep.equal(['Full blood count']);
      expect(view.results[0].members.map((m) => [m.name, m.valueText])).to.deep.equal([
        ['White blood cell count in fluid', '11.2 10*9/L'],
        ['Nucleated red blood cell count in blood', '3.9 10*12/L'],
      ]);
    });

    it('reads HL7\'s glucose example as high', async () => {
      const glucose = await loadFixture<Observation>('hl7-r4/observation-example-f001-glucose.json');
      const [view] = groupResults({ observations: [glucose] }).observations;
      expect(view).to.include({ valueText: '6.3 mmol/l', abnormal: true, issued: '2013-04-03T15:30:10+01:00', effective: '2013-04-02T09:30:10+01:00' });
      expect(view.flag?.flag).to.equal('H');
    });

    it('shows every Synthea report and observation exactly once', async () => {
      for (const file of SYNTHEA_BUNDLES) {
        const bundle = await loadFixture<Bundle>(`synthea/${file}`);
        const reports = resourcesOf<DiagnosticReport>(bundle, 'DiagnosticReport');
        const observations = resourcesOf<Observation>(bundle, 'Observation');
        const results = groupResults({ reports, observations });
        const shown = [...results.reports.flatMap((r) => flatten(r.results)), ...flatten(results.observations)];
        expect(new Set(shown.map((o) => o.id)).size, file).to.equal(shown.length);
        expect(shown.length + results.excluded.enteredInError, file).to.equal(observations.length);
        expect(results.reports.length, file).to.equal(reports.length);
        expect(results.reports.every((r) => r.missingResults.length === 0), file).to.equal(true);
      }
    });
  });
});
