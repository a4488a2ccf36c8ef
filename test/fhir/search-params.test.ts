import { expect } from '@open-wc/testing';
import { SearchValue, anyOf, escapeSearchValue, searchQueryString, token } from '../../packages/fhir/src/search-params.js';

describe('search parameters', () => {
  describe('escapeSearchValue', () => {
    it('escapes the FHIR special characters \\ , $ | with a backslash', () => {
      expect(escapeSearchValue('a,b')).to.equal('a\\,b');
      expect(escapeSearchValue('a|b')).to.equal('a\\|b');
      expect(escapeSearchValue('a$b')).to.equal('a\\$b');
      expect(escapeSearchValue('a\\b')).to.equal('a\\\\b');
    });

    it('escapes the backslash first, so an escaped comma is not unescaped by it', () => {
      expect(escapeSearchValue('\\,')).to.equal('\\\\\\,');
    });

    it('leaves ordinary text, numbers and booleans as they are', () => {
      expect(escapeSearchValue('Smith-Jones')).to.equal('Smith-Jones');
      expect(escapeSearchValue(42)).to.equal('42');
      expect(escapeSearchValue(true)).to.equal('true');
    });
  });

  describe('token', () => {
    it('joins system and code with | and escapes each part', () => {
      expect(token('http://snomed.info/sct', '716186003').value).to.equal('http://snomed.info/sct|716186003');
      expect(token('urn:example|odd', 'a,b').value).to.equal('urn:example\\|odd|a\\,b');
    });

    it('means any system without one, no system with an empty one, and any code without one', () => {
      expect(token(undefined, '123').value).to.equal('123');
      expect(token('', '123').value).to.equal('|123');
      expect(token('http://snomed.info/sct').value).to.equal('http://snomed.info/sct|');
    });
  });

  describe('anyOf', () => {
    it('joins values with commas (OR), escaping each value', () => {
      expect(anyOf('a,b', 'c').value).to.equal('a\\,b,c');
    });

    it('keeps tokens as built', () => {
      expect(anyOf(token('s', '1'), token('s', '2')).value).to.equal('s|1,s|2');
    });
  });

  describe('searchQueryString', () => {
    it('sends plain strings as given, already in FHIR syntax', () => {
      expect(searchQueryString({ code: 'http://loinc.org|1234-5,http://loinc.org|6789-0' })).to.equal(
        'code=http://loinc.org|1234-5,http://loinc.org|6789-0',
      );
    });

    it('repeats a parameter given an array (AND)', () => {
      const query = new URLSearchParams(searchQueryString({ date: ['ge2024-01-01', 'lt2024-02-01'] }));
      expect(query.getAll('date')).to.deep.equal(['ge2024-01-01', 'lt2024-02-01']);
    });

    it('joins an array of sort keys with commas, as _sort expects', () => {
      expect(searchQueryString({ _sort: ['-date', 'code'] })).to.equal('_sort=-date,code');
    });

    it('leaves out undefined and null parameters', () => {
      expect(searchQueryString({ patient: '1', status: undefined, category: null })).to.equal('patient=1');
    });

    it('percent-encodes what would break the query: & = + # spaces and backslashes', () => {
      const value = 'a&b=c+d #e\\f';
      const query = searchQueryString({ 'name:contains': value });
      expect(query).not.to.match(/[ #+]|&b/);
      expect(new URLSearchParams(query).get('name:contains')).to.equal(value);
    });

    it('accepts URLSearchParams and name/value pairs as given', () => {
      expect(searchQueryString(new URLSearchParams([['a', '1'], ['a', '2']]))).to.equal('a=1&a=2');
      expect(searchQueryString([['_include', 'X:y'], ['_include', 'X:z']])).to.equal('_include=X:y&_include=X:z');
    });

    it('writes SearchValues as their FHIR text', () => {
      expect(searchQueryString({ identifier: new SearchValue('s|1') })).to.equal('identifier=s|1');
    });
  });
});
