import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificateFacts } from '../../src/certificates/certificate-facts.ts';
import { certificatePdf } from '../../src/certificates/certificate-pdf.ts';
import { certificateDate } from '../../src/certificates/certificate-labels.ts';
import { extractAttachedCredential } from '../../src/credentials/pdf-attachment.ts';
import { pdfTextPages } from './pdf-text.ts';

const read = (...parts: string[]) =>
  fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures', ...parts), 'utf8');
const stapel = read('certificates', 'credential.json');
const foreign = read('standards', '1edtech-ob3-test-vector.signed.json');

describe('the facts a certificate reads from a credential', () => {
  it('are every EU element a Stapel credential carries', () => {
    expect(certificateFacts(JSON.parse(stapel))).toMatchObject({
      kind: 'micro-credential-certificate',
      title: 'Data-analyse met Python',
      learnerName: 'Zoë Vandenbroucke-Ünal',
      issuer: { name: 'Hogeschool Schelde', countryCode: 'BE', region: 'BE-VLG', locality: 'Antwerpen' },
      ects: 6,
      eqfLevel: '6',
      vksLevel: '6',
      workloadHours: 160,
      participationForm: 'blended',
      supervision: 'supervised-with-id-check',
      qualityAssurance: 'internal-and-external',
      form: 'regular',
      result: { value: '15.5', max: '20' },
    });
  });

  it('are what there is for an Open Badges credential from elsewhere, which still prints', async () => {
    const facts = certificateFacts(JSON.parse(foreign));
    expect(facts).toMatchObject({
      title: 'Teamwork',
      issuer: { name: 'Example Corp' },
      learningOutcomes: [],
    });
    expect(facts?.ects).toBeUndefined();
    const pdf = await certificatePdf(foreign, { lang: 'en', pageUrl: 'http://example.com/credentials/3527' });
    const lines = (await pdfTextPages(pdf)).flat();
    expect(lines).toEqual(
      expect.arrayContaining(['Credential', 'Teamwork', 'Example Corp', 'Awarding body']),
    );
    expect(lines).toContain('the holder of this credential');
    expect(await extractAttachedCredential(pdf)).toBe(foreign);
  });

  it('are nothing for what is not a credential with an achievement', () => {
    expect(certificateFacts(null)).toBeUndefined();
    expect(certificateFacts([])).toBeUndefined();
    expect(certificateFacts({ id: 'x', credentialSubject: {} })).toBeUndefined();
    expect(certificateFacts({ credentialSubject: { achievement: { name: 'No id' } } })).toBeUndefined();
  });

  it('take an issuer given as a bare id', () => {
    const doc = { ...JSON.parse(foreign), issuer: 'did:web:example.org' };
    expect(certificateFacts(doc)?.issuer).toEqual({ id: 'did:web:example.org', name: 'did:web:example.org' });
  });
});

describe('a date on a certificate', () => {
  it('is the day in Belgium, in words', () => {
    expect(certificateDate('2026-12-31T23:30:00Z', 'nl')).toBe('1 januari 2027');
    expect(certificateDate('2026-06-15T10:00:00Z', 'en')).toBe('15 June 2026');
  });
});
