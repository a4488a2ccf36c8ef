import { expect } from '@open-wc/testing';
import type { Observation, ObservationReferenceRange, Quantity, Range, Ratio } from '@care-record/fhir';
import { formatAttachmentSize, formatQuantity, formatRange, formatRatio, formatReferenceRange } from '../../packages/fhir/src/display/index.js';

const ucum = (value: number | undefined, code: string, unit?: string): Quantity => ({ value, system: 'http://unitsofmeasure.org', code, unit });

describe('quantities', () => {
  describe('formatQuantity', () => {
    const cases: Array<[string, Quantity | undefined, string | undefined]> = [
      ['shows value and unit with a space', ucum(5.3, 'mmol/L', 'mmol/L'), '5.3 mmol/L'],
      ['puts a percent sign against the number', ucum(45, '%', '%'), '45%'],
      ['puts a degree sign against the number', ucum(37.5, 'Cel', '°C'), '37.5°C'],
      ['falls back to the UCUM code when there is no unit', ucum(72, '/min'), '72 /min'],
      ['reads UCUM annotations without their braces', ucum(72, '{beats}/min'), '72 beats/min'],
      ['shows no unit for the UCUM unity code "1"', ucum(3, '1'), '3'],
      ['shows no float artefacts (0.1 + 0.2)', ucum(0.1 + 0.2, 'mmol/L', 'mmol/L'), '0.3 mmol/L'],
      ['keeps small decimals without an exponent', ucum(0.000012, 'g', 'g'), '0.000012 g'],
      ['keeps large counts without separators or exponent', ucum(250000, '10*9/L', '10*9/L'), '250000 10*9/L'],
      ['shows zero', ucum(0, 'mg', 'mg'), '0 mg'],
      ['shows negative values', ucum(-2.5, 'mmol/L', 'mmol/L'), '-2.5 mmol/L'],
      ['shows a "less than" comparator', { ...ucum(5, 'mmol/L', 'mmol/L'), comparator: '<' }, '< 5 mmol/L'],
      ['shows a "greater than" comparator', { ...ucum(90, 'mL/min/{1.73_m2}', 'mL/min/1.73m2'), comparator: '>' }, '> 90 mL/min/1.73m2'],
      ['shows "less than or equal" as ≤', { ...ucum(5, 'mmol/L', 'mmol/L'), comparator: '<=' }, '≤ 5 mmol/L'],
      ['shows "greater than or equal" as ≥', { ...ucum(5, 'mmol/L', 'mmol/L'), comparator: '>=' }, '≥ 5 mmol/L'],
      ['shows a value with no unit', { value: 2 }, '2'],
      ['returns undefined without a value', ucum(undefined, 'mmol/L', 'mmol/L'), undefined],
      ['returns undefined for a missing quantity', undefined, undefined],
    ];
    for (const [description, input, expected] of cases) {
      it(description, () => expect(formatQuantity(input)).to.equal(expected));
    }
    it('uses the decimal separator of another locale when asked', () => {
      expect(formatQuantity(ucum(5.3, 'mmol/L', 'mmol/L'), { locale: 'de-DE' })).to.equal('5,3 mmol/L');
    });
  });

  describe('formatRange', () => {
    const cases: Array<[string, Range | undefined, string | undefined]> = [
      ['joins both ends with an en dash and the unit once', { low: ucum(3.5, 'mmol/L', 'mmol/L'), high: ucum(5.3, 'mmol/L', 'mmol/L') }, '3.5–5.3 mmol/L'],
      ['takes the unit from the high end when only it has one', { low: { value: 3.5 }, high: ucum(5.3, 'mmol/L', 'mmol/L') }, '3.5–5.3 mmol/L'],
      ['keeps percent against the number', { low: ucum(20, '%', '%'), high: ucum(30, '%', '%') }, '20–30%'],
      ['spells out both units when they differ', { low: ucum(1, 'g', 'g'), high: ucum(1.5, 'kg', 'kg') }, '1 g – 1.5 kg'],
      ['shows a range open above as ≥ low (FHIR range ends are inclusive)', { low: ucum(60, 'mL/min', 'mL/min') }, '≥ 60 mL/min'],
      ['shows a range open below as ≤ high', { high: ucum(5.2, 'mmol/L', 'mmol/L') }, '≤ 5.2 mmol/L'],
      ['returns undefined for an empty range', {}, undefined],
      ['returns undefined for a missing range', undefined, undefined],
    ];
    for (const [description, input, expected] of cases) {
      it(description, () => expect(formatRange(input)).to.equal(expected));
    }
  });

  describe('formatRatio', () => {
    const cases: Array<[string, Ratio | undefined, string | undefined]> = [
      ['shows a strength per one unit as value/unit', { numerator: ucum(5, 'mg', 'mg'), denominator: ucum(1, 'mL', 'mL') }, '5 mg/mL'],
      ['shows a strength per several units with spaces', { numerator: ucum(250, 'mg', 'mg'), denominator: ucum(5, 'mL', 'mL') }, '250 mg / 5 mL'],
      ['shows a unitless ratio (a titre) with a colon', { numerator: { value: 1 }, denominator: { value: 128 } }, '1:128'],
      ['shows the numerator when there is no denominator', { numerator: ucum(5, 'mg', 'mg') }, '5 mg'],
      ['returns undefined without a numerator', { denominator: ucum(1, 'mL', 'mL') }, undefined],
      ['returns undefined for a missing ratio', undefined, undefined],
    ];
    for (const [description, input, expected] of cases) {
      it(description, () => expect(formatRatio(input)).to.equal(expected));
    }
  });

  describe('formatReferenceRange', () => {
    const cases: Array<[string, ObservationReferenceRange | undefined, string | undefined]> = [
      ['shows low–high with the unit', { low: ucum(3.5, 'mmol/L', 'mmol/L'), high: ucum(5.3, 'mmol/L', 'mmol/L') }, '3.5–5.3 mmol/L'],
      ['prefers structured values to text', { low: ucum(3.5, 'mmol/L', 'mmol/L'), high: ucum(5.3, 'mmol/L', 'mmol/L'), text: '3.5 - 5.3' }, '3.5–5.3 mmol/L'],
      ['shows the text when there are no values', { text: ' Negative ' }, 'Negative'],
      ['shows a one-sided range', { high: ucum(5.2, 'mmol/L', 'mmol/L') }, '≤ 5.2 mmol/L'],
      ['returns undefined for an empty reference range', {}, undefined],
      ['returns undefined for a missing reference range', undefined, undefined],
    ];
    for (const [description, input, expected] of cases) {
      it(description, () => expect(formatReferenceRange(input)).to.equal(expected));
    }
    it('formats the reference range of an HL7 example result', async () => {
      const response = await fetch('/__shared/fixtures/fhir/hl7-r4/observation-example-f001-glucose.json');
      const observation = (await response.json()) as Observation;
      expect(formatQuantity(observation.valueQuantity)).to.equal('6.3 mmol/l');
      expect(formatReferenceRange(observation.referenceRange?.[0])).to.equal('3.1–6.2 mmol/l');
    });
  });

  describe('formatAttachmentSize', () => {
    const cases: Array<[string, number | undefined, string | undefined]> = [
      ['shows small files in bytes', 512, '512 bytes'],
      ['says "1 byte" for one byte', 1, '1 byte'],
      ['shows an empty file as 0 bytes', 0, '0 bytes'],
      ['shows kilobytes with one decimal below 10', 1536, '1.5 KB'],
      ['shows larger kilobytes as whole numbers', 348_160, '340 KB'],
      ['shows megabytes with one decimal', 1_258_291, '1.2 MB'],
      ['steps up rather than showing 1024 KB', 1_048_500, '1 MB'],
      ['shows gigabytes', 3 * 1024 ** 3, '3 GB'],
      ['returns undefined for a negative size', -1, undefined],
      ['returns undefined for a missing size', undefined, undefined],
    ];
    for (const [description, input, expected] of cases) {
      it(description, () => expect(formatAttachmentSize(input)).to.equal(expected));
    }
  });
});
