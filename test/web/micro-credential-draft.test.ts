import { describe, expect, it } from 'vitest';
import {
  canSave,
  canStartNewVersion,
  checkDraft,
  controlIdFor,
  emptyDraft,
  parseDecimal,
  toDefinition,
} from '../../web/src/micro-credential-draft.ts';

function sixEcts(workloadHours: string) {
  return toDefinition({
    ...emptyDraft(),
    code: 'MC-TEST',
    title: { nl: 'Test', en: 'Test' },
    form: 'outside-regular',
    ects: '6',
    vksLevel: '5',
    workloadHours,
    tuitionEur: '100',
  });
}

describe('the editor check runs the quality pre-check', () => {
  it('reports 40 hours for 6 ECTS', () => {
    const check = checkDraft(sixEcts('40'), new Map());
    expect(check.missing.map((p) => p.rule)).toContain('ects-workload-inconsistent');
  });

  it('reports missing study hours', () => {
    const check = checkDraft(sixEcts(''), new Map());
    expect(check.missing.map((p) => p.rule)).toContain('workload-missing');
  });

  it('says nothing about hours that fit', () => {
    const check = checkDraft(sixEcts('160'), new Map());
    expect(check.missing.map((p) => p.rule)).not.toContain('ects-workload-inconsistent');
    expect(check.missing.map((p) => p.rule)).not.toContain('workload-missing');
  });
});

describe('version states in the editor', () => {
  it('saves only a draft or a published version', () => {
    expect(canSave('draft')).toBe(true);
    expect(canSave('published')).toBe(true);
    expect(canSave('submitted')).toBe(false);
    expect(canSave('approved')).toBe(false);
  });

  it('offers a new draft version only where the server allows it', () => {
    expect(canStartNewVersion('submitted')).toBe(false);
    expect(canStartNewVersion('draft')).toBe(false);
    expect(canStartNewVersion('published')).toBe(true);
    expect(canStartNewVersion('rejected')).toBe(true);
  });
});

describe('pure helpers', () => {
  it('parses decimals with a comma or a point', () => {
    expect(parseDecimal('2,5')).toBe(2.5);
    expect(parseDecimal('')).toBeUndefined();
    expect(parseDecimal('abc')).toBeNaN();
  });

  it('names controls after field paths', () => {
    expect(controlIdFor('partners[0].url')).toBe('mc-partners-0-url');
    expect(controlIdFor('title')).toBe('mc-title-nl');
  });
});
