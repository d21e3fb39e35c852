import { describe, expect, it } from 'vitest';
import {
  apiQuery,
  cataloguePath,
  DEFAULT_PAGE_SIZE,
  EMPTY_FILTERS,
  hasActiveFilters,
  parseFilters,
} from '../../web/src/catalogue-query.ts';

describe('the catalogue address', () => {
  it('reads nothing from an empty address', () => {
    expect(parseFilters('')).toEqual({ ...EMPTY_FILTERS, pageSize: undefined });
  });

  it('reads every filter the API accepts', () => {
    expect(
      parseFilters(
        '?q=data&vksLevel=6&ectsMin=3&ectsMax=10.5&form=outside-regular&language=en&institution=hogent&page=3&pageSize=24',
      ),
    ).toEqual({
      q: 'data',
      vksLevel: '6',
      ectsMin: '3',
      ectsMax: '10.5',
      form: 'outside-regular',
      language: 'en',
      institution: 'hogent',
      page: 3,
      pageSize: 24,
    });
  });

  it('drops values the API would refuse instead of sending them', () => {
    const filters = parseFilters(
      '?vksLevel=9&ectsMin=-1&ectsMax=abc&form=C&language=nld&page=0&pageSize=101',
    );
    expect(filters).toEqual({ ...EMPTY_FILTERS, pageSize: undefined });
    expect(parseFilters('?vksLevel=0').vksLevel).toBe('');
    expect(parseFilters('?page=1.5').page).toBe(1);
    expect(parseFilters('?page=100001').page).toBe(1);
  });

  it('cuts a search and an institution to the lengths the API takes', () => {
    const filters = parseFilters(`?q=${'a'.repeat(250)}&institution=${'b'.repeat(100)}`);
    expect(filters.q).toHaveLength(200);
    expect(filters.institution).toHaveLength(80);
  });

  it('writes only the values that are set, and the first page not at all', () => {
    expect(cataloguePath(EMPTY_FILTERS)).toBe('/');
    expect(cataloguePath({ ...EMPTY_FILTERS, q: '  data  ', form: 'regular', page: 1 })).toBe(
      '/?q=data&form=regular',
    );
    expect(cataloguePath({ ...EMPTY_FILTERS, page: 2, pageSize: 24 })).toBe('/?page=2&pageSize=24');
  });

  it('reads back what it wrote', () => {
    const filters = {
      ...EMPTY_FILTERS,
      q: 'zorg & welzijn',
      vksLevel: '5',
      ectsMin: '2',
      language: 'nl',
      institution: 'ugent',
      page: 4,
    };
    expect(parseFilters(cataloguePath(filters).slice(1))).toEqual({ ...filters, pageSize: undefined });
  });

  it('always asks the API for a page and a page size', () => {
    expect(apiQuery(EMPTY_FILTERS).toString()).toBe(`page=1&pageSize=${DEFAULT_PAGE_SIZE}`);
    expect(apiQuery({ ...EMPTY_FILTERS, ectsMax: '6', page: 2, pageSize: 48 }).toString()).toBe(
      'ectsMax=6&page=2&pageSize=48',
    );
  });

  it('counts a search or a filter as active, the page not', () => {
    expect(hasActiveFilters({ ...EMPTY_FILTERS, page: 5, pageSize: 24 })).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, q: '   ' })).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, q: 'x' })).toBe(true);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, institution: 'kuleuven' })).toBe(true);
  });
});
