import { expect } from '@open-wc/testing';
import {
  compareFhirDates,
  compareFhirDatesNewestFirst,
  formatDate,
  formatDateTime,
  formatPeriod,
  newestFirst,
  parseFhirDate,
} from '../../packages/fhir/src/display/index.js';

type Case = [description: string, input: string | undefined, expected: string | undefined];

describe('dates', () => {
  describe('formatDate shows only the precision recorded', () => {
    const cases: Case[] = [
      ['shows a full date as dd-Mmm-yyyy', '2024-03-12', '12-Mar-2024'],
      ['pads single-digit days', '1994-01-01', '01-Jan-1994'],
      ['shows a month-precision date without inventing a day', '2024-03', 'Mar-2024'],
      ['shows a year-precision date as the year alone', '2024', '2024'],
      ['abbreviates September as Sep, not Sept', '2024-09-05', '05-Sep-2024'],
      ['accepts 29 February in a leap year', '2024-02-29', '29-Feb-2024'],
      ['shows the date part of a dateTime', '2024-03-12T14:05:00Z', '12-Mar-2024'],
      ['shows the London date of a UTC instant late in a British Summer Time evening', '2024-06-30T23:30:00Z', '01-Jul-2024'],
      ['keeps the same date for a UTC instant late in a winter evening (GMT)', '2024-01-31T23:30:00Z', '31-Jan-2024'],
      ['converts an instant with an offset to the London date', '2024-07-01T00:30:00+02:00', '30-Jun-2024'],
      ['reads fractional seconds of an instant', '2024-03-12T14:05:00.123+00:00', '12-Mar-2024'],
      ['returns 29 February in a common year as given (not a real date)', '2023-02-29', '2023-02-29'],
      ['returns a month 13 as given', '2024-13', '2024-13'],
      ['returns a UK-style date as given rather than guessing', '12/03/2024', '12/03/2024'],
      ['returns words as given', 'last Tuesday', 'last Tuesday'],
      ['returns undefined for a blank value', '  ', undefined],
      ['returns undefined for a missing value', undefined, undefined],
    ];
    for (const [description, input, expected] of cases) {
      it(description, () => expect(formatDate(input)).to.equal(expected));
    }
  });

  describe('formatDateTime shows 24-hour times in Europe/London', () => {
    const cases: Case[] = [
      ['shows date and time of a UTC instant in winter', '2024-03-12T14:05:00Z', '12-Mar-2024 14:05'],
      ['shows one minute before midnight as 23:59', '2024-01-01T23:59:00Z', '01-Jan-2024 23:59'],
      ['shows British Summer Time an hour ahead of UTC', '2024-07-01T08:15:00Z', '01-Jul-2024 09:15'],
      ['shows the last minute of GMT before the clocks go forward', '2024-03-31T00:59:00Z', '31-Mar-2024 00:59'],
      ['shows the first minute of British Summer Time as 02:00', '2024-03-31T01:00:00Z', '31-Mar-2024 02:00'],
      ['shows the last BST minute before the clocks go back as 01:59', '2024-10-27T00:59:00Z', '27-Oct-2024 01:59'],
      ['shows the first GMT minute after the clocks go back as 01:00', '2024-10-27T01:00:00Z', '27-Oct-2024 01:00'],
      ['moves a late UTC evening in summer to the next London day', '2024-06-30T23:30:00Z', '01-Jul-2024 00:30'],
      ['converts an explicit offset', '2024-03-12T09:05:00-05:00', '12-Mar-2024 14:05'],
      ['drops the seconds', '2024-03-12T14:05:59Z', '12-Mar-2024 14:05'],
      ['reads a time written without a zone as London wall-clock time', '2024-07-01T09:00:00', '01-Jul-2024 09:00'],
      ['accepts a time without seconds', '2024-07-01T09:00+01:00', '01-Jul-2024 09:00'],
      ['shows a date-only value as a date, never inventing a time', '2024-03-12', '12-Mar-2024'],
      ['shows a month-precision value as a month', '2024-03', 'Mar-2024'],
      ['returns an impossible time as given', '2024-03-12T25:00:00Z', '2024-03-12T25:00:00Z'],
      ['returns an impossible zone as given', '2024-03-12T10:00:00+15:00', '2024-03-12T10:00:00+15:00'],
      ['returns undefined for a missing value', undefined, undefined],
    ];
    for (const [description, input, expected] of cases) {
      it(description, () => expect(formatDateTime(input)).to.equal(expected));
    }
  });

  describe('options', () => {
    it('shows times in another time zone when asked', () => {
      expect(formatDateTime('2024-06-30T23:30:00Z', { timeZone: 'UTC' })).to.equal('30-Jun-2024 23:30');
      expect(formatDate('2024-06-30T23:30:00Z', { timeZone: 'UTC' })).to.equal('30-Jun-2024');
    });
    it('falls back to Europe/London for an unknown time zone instead of throwing', () => {
      expect(formatDateTime('2024-07-01T08:15:00Z', { timeZone: 'Mars/Olympus_Mons' })).to.equal('01-Jul-2024 09:15');
    });
    it('keeps NHS English month abbreviations for any English locale', () => {
      expect(formatDate('2024-09-05', { locale: 'en-US' })).to.equal('05-Sep-2024');
    });
    it('uses the month names of another locale in the same day-month-year layout', () => {
      expect(formatDate('2024-05-12', { locale: 'de-DE' })).to.equal('12-Mai-2024');
    });
    it('drops the trailing full stop some locales put on abbreviations', () => {
      expect(formatDate('2024-01', { locale: 'fr-FR' })).to.equal('janv-2024');
    });
    it('falls back to en-GB for a malformed locale instead of throwing', () => {
      expect(formatDate('2024-09-05', { locale: 'not a locale!' })).to.equal('05-Sep-2024');
    });
    it('does not change a date-only value with the time zone (dates have no zone)', () => {
      expect(formatDate('2024-03-12', { timeZone: 'Pacific/Kiritimati' })).to.equal('12-Mar-2024');
    });
  });

  describe('parseFhirDate', () => {
    const cases: Array<[string, string, string, string]> = [
      ['reads a year as the start of that year', '2024', '2024-01-01T00:00:00.000Z', 'year'],
      ['reads a month as the start of that month', '2024-03', '2024-03-01T00:00:00.000Z', 'month'],
      ['reads a day as midnight UTC', '2024-03-12', '2024-03-12T00:00:00.000Z', 'day'],
      ['reads an instant exactly', '2024-03-12T14:05:00+01:00', '2024-03-12T13:05:00.000Z', 'time'],
      ['reads milliseconds', '2024-03-12T14:05:00.250Z', '2024-03-12T14:05:00.250Z', 'time'],
      ['reads a zone-less summer time as London time', '2024-07-01T09:00:00', '2024-07-01T08:00:00.000Z', 'time'],
      ['reads a zone-less winter time as London time', '2024-01-15T09:00:00', '2024-01-15T09:00:00.000Z', 'time'],
      ['reads the leap day', '2024-02-29', '2024-02-29T00:00:00.000Z', 'day'],
      ['reads years before 100 without mapping them to the 1900s', '0050-06-01', '0050-06-01T00:00:00.000Z', 'day'],
    ];
    for (const [description, input, iso, precision] of cases) {
      it(description, () => {
        const parsed = parseFhirDate(input);
        expect(parsed?.date.toISOString()).to.equal(iso);
        expect(parsed?.precision).to.equal(precision);
      });
    }
    const invalid = ['', '2023-02-29', '2024-04-31', '2024-00', '2024-1-5', '24-03-12', '2024-03-12T10', '2024-03-12 10:00:00Z', 'today'];
    for (const value of invalid) {
      it(`returns undefined for "${value}"`, () => expect(parseFhirDate(value)).to.equal(undefined));
    }
    it('returns undefined for a missing value', () => expect(parseFhirDate(undefined)).to.equal(undefined));
  });

  describe('sorting', () => {
    it('sorts oldest first with compareFhirDates, undated items last', () => {
      // null, not undefined: Array.prototype.sort moves undefined to the end without asking the comparator.
      const dates = ['rubbish', '2024-03-12', null, '2023', '2024-03-12T09:00:00Z', '2024-01'];
      expect([...dates].sort(compareFhirDates)).to.deep.equal(['2023', '2024-01', '2024-03-12', '2024-03-12T09:00:00Z', 'rubbish', null]);
    });
    it('sorts newest first with compareFhirDatesNewestFirst, undated items still last', () => {
      const dates = [null, '2024-03-12', '2023', '2024-03-12T09:00:00Z', '2024-01'];
      expect([...dates].sort(compareFhirDatesNewestFirst)).to.deep.equal(['2024-03-12T09:00:00Z', '2024-03-12', '2024-01', '2023', null]);
    });
    it('compares instants written in different zones by the moment they stand for', () => {
      expect(compareFhirDates('2024-03-12T14:00:00+01:00', '2024-03-12T13:30:00Z')).to.be.lessThan(0);
    });
    it('treats two missing dates as equal', () => {
      expect(compareFhirDates(undefined, null)).to.equal(0);
    });
    it('newestFirst returns a new array, newest first, undated items at the end in their order', () => {
      const items = [
        { id: 'a', date: '2022-05-01' },
        { id: 'b', date: undefined },
        { id: 'c', date: '2024-03-12T10:00:00Z' },
        { id: 'd', date: undefined },
        { id: 'e', date: '2023-11' },
      ];
      const sorted = newestFirst(items, (item) => item.date);
      expect(sorted.map((item) => item.id)).to.deep.equal(['c', 'e', 'a', 'b', 'd']);
      expect(items.map((item) => item.id)).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    });
  });

  describe('formatPeriod', () => {
    const cases: Array<[string, fhir4.Period | undefined, string | undefined]> = [
      ['joins start and end with "to"', { start: '2024-03-12', end: '2024-03-20' }, '12-Mar-2024 to 20-Mar-2024'],
      ['says "From" for a period still open', { start: '2024-03-12' }, 'From 12-Mar-2024'],
      ['says "Until" for a period with only an end', { end: '2024-03-20' }, 'Until 20-Mar-2024'],
      ['keeps each end at its own precision', { start: '2019', end: '2024-03' }, '2019 to Mar-2024'],
      ['shows dateTimes as London dates', { start: '2024-06-30T23:30:00Z', end: '2024-07-02T10:00:00Z' }, '01-Jul-2024 to 02-Jul-2024'],
      ['returns undefined for an empty period', {}, undefined],
      ['returns undefined for a missing period', undefined, undefined],
    ];
    for (const [description, input, expected] of cases) {
      it(description, () => expect(formatPeriod(input)).to.equal(expected));
    }
    it('shows times when asked', () => {
      expect(formatPeriod({ start: '2024-03-12T09:00:00Z', end: '2024-03-12T17:30:00Z' }, { showTime: true })).to.equal(
        '12-Mar-2024 09:00 to 12-Mar-2024 17:30',
      );
    });
  });
});
