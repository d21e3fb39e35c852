import { describe, expect, it } from 'vitest';
import {
  CHECK_CODES,
  CHECK_MESSAGES,
  formatDay,
  renderCheckMessage,
} from '../../src/verification/messages.ts';
import { INPUT_MESSAGES, INPUT_MESSAGE_KEYS } from '../../src/verification/input-messages.ts';

/** Every parameter any message names, so that each renders completely. */
const PARAMS = {
  id: 'did:web:uni.example',
  name: 'Hogeschool Schelde',
  host: 'stapel.example',
  issuer: 'did:web:uni.example',
  key: 'did:web:uni.example#key-1',
  keys: 'did:web:uni.example#key-1',
  controller: 'did:key:z6Mk',
  about: 'did:web:other.example',
  url: 'https://uni.example/status/1',
  index: 42,
  count: 2,
  value: '0x3',
  message: 'on hold',
  purpose: 'revocation',
  listPurposes: 'suspension',
  listIssuer: 'did:web:other.example',
  types: 'StatusList2021Entry',
  size: '3',
  date: '2026-12-02T10:00:00Z',
  dateKind: 'recorded',
  reason: 'Uitgereikt aan de verkeerde persoon',
  from: '2026-06-30T12:00:00Z',
  until: '2027-06-30T12:00:00Z',
  field: 'validFrom',
  kind: 'DataIntegrityProof / ecdsa-rdfc-2019',
  property: 'grade',
  type: 'Grade',
  problems: "/credentialSubject must have required property 'achievement'",
  more: 1,
  deviations: 'proof-object,credential-status-array',
  missing: '@context,type',
  trusted: 'yes',
  line: 4,
  column: 3,
  near: '"name"',
  path: '/credentialSubject',
};

/** Double negatives a person has to untangle: never in a verdict. */
const DOUBLE_NEGATIVES = [
  /\bniet niet/i,
  /\bniet on(geldig|bekend|juist|waar|erkend)/i,
  /\bnot (in|un|non)[a-z]*(valid|known)/i,
  /\bnot not\b/i,
];

describe('verification messages', () => {
  it('has a Dutch and an English text for every exported code, and nothing else', () => {
    expect(Object.keys(CHECK_MESSAGES).sort()).toEqual([...CHECK_CODES].sort());
    expect(new Set(CHECK_CODES).size).toBe(CHECK_CODES.length);
    for (const code of CHECK_CODES) {
      const nl = renderCheckMessage(code, PARAMS, 'nl');
      const en = renderCheckMessage(code, PARAMS, 'en');
      for (const text of [nl, en]) {
        expect(text, code).toMatch(/^\S.*[.)]$/s);
        expect(text, code).not.toMatch(/undefined|\[object|NaN/);
        for (const pattern of DOUBLE_NEGATIVES) expect(text, code).not.toMatch(pattern);
      }
      expect(nl, code).not.toBe(en);
    }
  });

  it('words revocation and suspension differently, with the date, in both languages', () => {
    const recorded = { date: '2026-12-02T10:00:00Z', dateKind: 'recorded', reason: 'Fout in de naam' };
    expect(renderCheckMessage('status-revoked', recorded, 'nl')).toBe(
      'Ingetrokken op 2 december 2026 door de uitreiker. Reden: Fout in de naam.',
    );
    expect(renderCheckMessage('status-revoked', recorded, 'en')).toBe(
      'Revoked on 2 December 2026 by the issuer. Reason: Fout in de naam.',
    );
    expect(renderCheckMessage('status-suspended', { ...recorded, reason: '' }, 'nl')).toMatch(
      /^Geschorst sinds 2 december 2026 door de uitreiker/,
    );
    const list = { date: '2026-12-02T10:00:00Z', dateKind: 'list' };
    expect(renderCheckMessage('status-revoked', list, 'nl')).toMatch(
      /^Ingetrokken, uiterlijk op 2 december 2026/,
    );
    expect(renderCheckMessage('status-revoked', list, 'en')).toMatch(
      /^Revoked on 2 December 2026 at the latest/,
    );
  });

  it('formats days in Belgian time', () => {
    expect(formatDay('2026-12-31T23:30:00Z', 'nl')).toBe('1 januari 2027');
    expect(formatDay('not a date', 'en')).toBe('not a date');
  });

  it('has a Dutch and an English text for every unreadable-input message', () => {
    expect(Object.keys(INPUT_MESSAGES).sort()).toEqual([...INPUT_MESSAGE_KEYS].sort());
    for (const key of INPUT_MESSAGE_KEYS) {
      const nl = INPUT_MESSAGES[key].nl(PARAMS);
      const en = INPUT_MESSAGES[key].en(PARAMS);
      expect(nl, key).not.toBe(en);
      expect(`${nl} ${en}`, key).not.toMatch(/undefined/);
    }
  });
});
