import { expect } from '@open-wc/testing';
import { daysInMonth, readFhirDate, utcMilliseconds, wallClockAt } from '../../packages/fhir/src/display/calendar.js';

/** The wall clock as Intl's formatToParts reads it: what wallClockAt must agree with. */
function partsReading(instant: number, timeZone: string) {
  const formatter = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const fields = Object.fromEntries(formatter.formatToParts(instant).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
  return { year: fields.year, month: fields.month, day: fields.day, hour: fields.hour, minute: fields.minute, second: fields.second };
}

describe('calendar arithmetic behind the date helpers', () => {
  describe('wallClockAt', () => {
    const zones = ['Europe/London', 'UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];
    const instants: Array<[string, number]> = [
      ['the last GMT second before the clocks go forward', Date.UTC(2024, 2, 31, 0, 59, 59)],
      ['the first second of British Summer Time', Date.UTC(2024, 2, 31, 1, 0, 0)],
      ['midnight in London on a summer night', Date.UTC(2024, 5, 30, 23, 0, 0)],
      ['the first GMT minute after the clocks go back', Date.UTC(2024, 9, 27, 1, 0, 0)],
      ['a leap day', Date.UTC(2000, 1, 29, 12, 34, 56)],
      ['a date in the 1940s (British Double Summer Time)', Date.UTC(1944, 5, 6, 6, 30, 0)],
      ['a nineteenth-century date', Date.UTC(1890, 0, 1, 0, 0, 0)],
      ['a first-century date', utcMilliseconds(99, 12, 31, 23, 59, 59)],
    ];
    for (const timeZone of zones) {
      for (const [what, instant] of instants) {
        it(`reads ${what} in ${timeZone} as Intl does`, () => {
          expect(wallClockAt(instant, timeZone)).to.deep.equal(partsReading(instant, timeZone));
          expect(wallClockAt(new Date(instant), timeZone)).to.deep.equal(partsReading(instant, timeZone));
        });
      }
    }

    it('reads every hour of a year in London as Intl does', () => {
      const start = Date.UTC(2023, 0, 1);
      const mismatches: number[] = [];
      for (let hour = 0; hour < 366 * 24; hour += 7) {
        const instant = start + hour * 3_600_000 + 59_000;
        if (JSON.stringify(wallClockAt(instant, 'Europe/London')) !== JSON.stringify(partsReading(instant, 'Europe/London'))) mismatches.push(instant);
      }
      expect(mismatches).to.deep.equal([]);
    });
  });

  describe('daysInMonth and utcMilliseconds', () => {
    it('counts days in each month, with leap years by the Gregorian rule', () => {
      expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2023, month))).to.deep.equal([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
      expect([2024, 2000, 1900, 2100, 4].map((year) => daysInMonth(year, 2))).to.deep.equal([29, 29, 28, 28, 29]);
    });

    it('takes years before 100 as written (Date.UTC would read 0-99 as 1900-1999)', () => {
      expect(new Date(utcMilliseconds(50, 3, 1)).getUTCFullYear()).to.equal(50);
      expect(utcMilliseconds(2024, 3, 12, 14, 5, 6, 7)).to.equal(Date.parse('2024-03-12T14:05:06.007Z'));
    });

    it('rolls over out-of-range fields as Date does (day 0 is the last day of the month before)', () => {
      expect(utcMilliseconds(2024, 3, 0)).to.equal(Date.UTC(2024, 1, 29));
      expect(utcMilliseconds(2023, 13, 1)).to.equal(Date.UTC(2024, 0, 1));
    });

    it('rejects 29 February in a common year and accepts it in a leap year', () => {
      expect(readFhirDate('2023-02-29')).to.equal(undefined);
      expect(readFhirDate('2024-02-29')).to.include({ year: 2024, month: 2, day: 29, precision: 'day' });
      expect(readFhirDate('1900-02-29')).to.equal(undefined);
    });
  });
});
