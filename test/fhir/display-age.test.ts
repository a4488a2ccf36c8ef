import { expect } from '@open-wc/testing';
import { formatAge, formatBorn, formatRelativeAge } from '../../packages/fhir/src/display/index.js';

type Case = [description: string, input: string | undefined, now: string, expected: string | undefined];

describe('ages', () => {
  describe('formatAge (NHS style)', () => {
    const cases: Case[] = [
      ['shows whole years from two years old', '1945-07-14', '2026-11-24T12:00:00Z', '81y'],
      ['does not count the year until the birthday', '1945-07-14', '2026-07-13T12:00:00Z', '80y'],
      ['counts the year on the birthday', '1945-07-14', '2026-07-14T12:00:00Z', '81y'],
      ['shows 2y on the second birthday', '2024-03-12', '2026-03-12T12:00:00Z', '2y'],
      ['shows months under two years', '2023-01-15', '2024-07-15T12:00:00Z', '18m'],
      ['does not count the month until the day of the month', '2023-01-15', '2024-07-14T12:00:00Z', '17m'],
      ['shows 23m the day before the second birthday', '2024-03-12', '2026-03-11T12:00:00Z', '23m'],
      ['shows 1m at one month', '2024-02-10', '2024-03-10T12:00:00Z', '1m'],
      ['shows days under one month', '2024-03-01', '2024-03-13T12:00:00Z', '12d'],
      ['shows 0d on the day of birth', '2024-03-12', '2024-03-12T23:00:00Z', '0d'],
      ['treats a leap-day birthday as reached on 1 March in a common year', '2000-02-29', '2025-03-01T12:00:00Z', '25y'],
      ['does not count a leap-day birthday on 28 February in a common year', '2000-02-29', '2025-02-28T12:00:00Z', '24y'],
      ['counts a leap-day birthday on 29 February in a leap year', '2000-02-29', '2024-02-29T12:00:00Z', '24y'],
      ['uses the London date: 23:30 UTC on the eve of a summer birthday is already the birthday', '1945-07-14', '2026-07-13T23:30:00Z', '81y'],
      ['knows the age from a birth month when no day could change it', '1945-03', '2026-11-24T12:00:00Z', '81y'],
      ['gives no age from a birth month during that month (the day would decide)', '1945-11', '2026-11-24T12:00:00Z', undefined],
      ['gives no age from a birth year alone when the birthday could fall either side of today', '1945', '2026-11-24T12:00:00Z', undefined],
      ['gives no age for a birth date in the future', '2030-01-01', '2026-11-24T12:00:00Z', undefined],
      ['gives no age for an unreadable birth date', '14/07/1945', '2026-11-24T12:00:00Z', undefined],
      ['gives no age without a birth date', undefined, '2026-11-24T12:00:00Z', undefined],
    ];
    for (const [description, birthDate, now, expected] of cases) {
      it(description, () => expect(formatAge(birthDate, new Date(now))).to.equal(expected));
    }
    it('measures to the current time by default', () => {
      expect(formatAge('1945-07-14')).to.match(/^\d+y$/);
    });
  });

  describe('formatBorn', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    it('shows the birth date and age as on the banner', () => {
      expect(formatBorn('1945-07-14', undefined, now)).to.equal('14-Jul-1945 (81y)');
    });
    it('stops the age at the date of death', () => {
      expect(formatBorn('1945-07-14', '2026-02-01T10:00:00Z', now)).to.equal('14-Jul-1945 (died aged 80y)');
    });
    it('shows no age for someone who has died on an unknown date', () => {
      expect(formatBorn('1945-07-14', true, now)).to.equal('14-Jul-1945');
    });
    it('shows the age when deceased is false', () => {
      expect(formatBorn('1945-07-14', false, now)).to.equal('14-Jul-1945 (81y)');
    });
    it('shows no age at death when the date of death has no day', () => {
      expect(formatBorn('1945-07-14', '2026-02', now)).to.equal('14-Jul-1945');
    });
    it('shows a birth year alone when that is all that is recorded', () => {
      expect(formatBorn('1945', undefined, now)).to.equal('1945');
    });
    it('shows an unreadable birth date as recorded, without an age', () => {
      expect(formatBorn('14/07/1945', undefined, now)).to.equal('14/07/1945');
    });
    it('returns undefined without a birth date so the banner can say "Not known"', () => {
      expect(formatBorn(undefined, undefined, now)).to.equal(undefined);
    });
  });

  describe('formatRelativeAge (how recent the data is)', () => {
    const now = '2024-07-15T12:00:00Z';
    const cases: Case[] = [
      ['says "today" for earlier today', '2024-07-15T08:00:00Z', now, 'today'],
      ['says "today" for a date-only value of today', '2024-07-15', now, 'today'],
      ['says "yesterday" for the day before', '2024-07-14', now, 'yesterday'],
      ['counts London days: 23:30 UTC yesterday was already today in BST', '2024-07-14T23:30:00Z', now, 'today'],
      ['says "3 days ago"', '2024-07-12', now, '3 days ago'],
      ['keeps counting days up to 13', '2024-07-02', now, '13 days ago'],
      ['says "2 weeks ago" from 14 days', '2024-07-01', now, '2 weeks ago'],
      ['counts whole weeks up to two months', '2024-05-16', now, '8 weeks ago'],
      ['says "2 months ago" from two calendar months', '2024-05-15', now, '2 months ago'],
      ['says "4 months ago"', '2024-03-10', now, '4 months ago'],
      ['says "11 months ago" just under a year', '2023-07-16', now, '11 months ago'],
      ['says "over a year ago" from a year', '2023-07-15', now, 'over a year ago'],
      ['says "this month" for a month-precision date this month', '2024-07', now, 'this month'],
      ['says "last month" for last month', '2024-06', now, 'last month'],
      ['counts months for a month-precision date', '2024-03', now, '4 months ago'],
      ['says "this year" for a year-precision date this year', '2024', now, 'this year'],
      ['says "last year" for last year', '2023', now, 'last year'],
      ['says "over a year ago" for older years', '2021', now, 'over a year ago'],
      ['returns undefined for a date after today', '2024-07-16', now, undefined],
      ['returns undefined for an unreadable date', 'soon', now, undefined],
      ['returns undefined without a date', undefined, now, undefined],
    ];
    for (const [description, input, at, expected] of cases) {
      it(description, () => expect(formatRelativeAge(input, new Date(at))).to.equal(expected));
    }
  });
});
