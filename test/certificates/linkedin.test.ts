import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { linkedInFacts, linkedInProfileLink, type LinkedInFacts } from '../../src/certificates/linkedin.ts';

const credential = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/certificates/credential.json'), 'utf8'),
) as Record<string, unknown>;

const facts: LinkedInFacts = {
  name: 'Data-analyse met Python',
  organizationName: 'Hogeschool Schelde',
  issuedAt: '2026-01-15T10:00:00Z',
  certUrl: 'https://stapel.example/c/1',
  certId: 'https://stapel.example/credentials/1',
};

const paramsOf = (url: string) => new URL(url).searchParams;

describe('the LinkedIn add-to-profile link', () => {
  it('opens the certification form with every field, January as month 1', () => {
    const { url, fields } = linkedInProfileLink(facts);
    expect(url).toBe(
      'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Data-analyse%20met%20Python' +
        '&organizationName=Hogeschool%20Schelde&issueYear=2026&issueMonth=1' +
        '&certUrl=https%3A%2F%2Fstapel.example%2Fc%2F1&certId=https%3A%2F%2Fstapel.example%2Fcredentials%2F1',
    );
    expect(fields.issueMonth).toBe('1');
    expect(fields).not.toHaveProperty('expirationYear');
  });

  it('reads the month in Belgian time, as the certificate shows the date: half past midnight on 1 January is January', () => {
    const { fields } = linkedInProfileLink({ ...facts, issuedAt: '2027-01-01T00:30:00+01:00' });
    expect([fields.issueYear, fields.issueMonth]).toEqual(['2027', '1']);
    const summer = linkedInProfileLink({ ...facts, issuedAt: '2026-06-30T22:30:00Z' }).fields;
    expect([summer.issueYear, summer.issueMonth]).toEqual(['2026', '7']);
  });

  it('adds the expiry only when there is one, with its own 1-based month', () => {
    const { url, fields } = linkedInProfileLink({ ...facts, expiresAt: '2031-06-30T21:59:59Z' });
    expect([fields.expirationYear, fields.expirationMonth]).toEqual(['2031', '6']);
    expect(url).toContain('&expirationYear=2031&expirationMonth=6&');
  });

  it('names the LinkedIn page of the institution when its id is known', () => {
    const { url } = linkedInProfileLink({ ...facts, organizationId: '1337' });
    expect(paramsOf(url).get('organizationId')).toBe('1337');
    expect(paramsOf(url).get('organizationName')).toBe('Hogeschool Schelde');
  });

  it('refuses a date that is not one', () => {
    expect(() => linkedInProfileLink({ ...facts, issuedAt: 'yesterday' })).toThrow(RangeError);
  });

  /** The year and 1-based month an instant has in Brussels, which is one or two hours ahead of UTC. */
  const brusselsCandidates = (iso: string) =>
    [1, 2].map((hours) => {
      const shifted = new Date(new Date(iso).getTime() + hours * 3_600_000);
      return [String(shifted.getUTCFullYear()), String(shifted.getUTCMonth() + 1)];
    });

  it('for every date: the 1-based month and year in Brussels, expiry only when present', () => {
    const instant = fc
      .date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('9999-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
    fc.assert(
      fc.property(instant, fc.option(instant, { nil: undefined }), (issuedAt, expiresAt) => {
        const { url, fields } = linkedInProfileLink({ ...facts, issuedAt, expiresAt });
        const params = paramsOf(url);
        expect(brusselsCandidates(issuedAt)).toContainEqual([
          params.get('issueYear'),
          params.get('issueMonth'),
        ]);
        expect(Number(params.get('issueMonth'))).toBeGreaterThanOrEqual(1);
        expect(Number(params.get('issueMonth'))).toBeLessThanOrEqual(12);
        if (expiresAt === undefined) {
          expect(params.has('expirationYear')).toBe(false);
          expect(params.has('expirationMonth')).toBe(false);
          expect(fields.expirationMonth).toBeUndefined();
        } else {
          expect(brusselsCandidates(expiresAt)).toContainEqual([
            params.get('expirationYear'),
            params.get('expirationMonth'),
          ]);
        }
      }),
    );
  });

  it('for every text: each value is URL-encoded and comes back unchanged through URLSearchParams', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(text, text, text, text, (name, organizationName, certUrl, certId) => {
        const { url, fields } = linkedInProfileLink({ ...facts, name, organizationName, certUrl, certId });
        const query = url.slice(url.indexOf('?') + 1);
        // Nothing in a value can break the query: no raw &, =, #, space or + survive encoding.
        for (const pair of query.split('&')) expect(pair.split('=')).toHaveLength(2);
        expect(query).not.toMatch(/[ #+]/);
        const params = paramsOf(url);
        expect(params.get('name')).toBe(name);
        expect(params.get('organizationName')).toBe(organizationName);
        expect(params.get('certUrl')).toBe(certUrl);
        expect(params.get('certId')).toBe(certId);
        expect(Object.fromEntries(params)).toEqual(fields);
      }),
    );
  });
});

describe('what a credential tells LinkedIn', () => {
  it('is its title, issuer, date of issue, page and id', () => {
    const read = linkedInFacts(credential, 'https://stapel.example/c/1', 'nl');
    expect(read).toEqual({
      name: 'Data-analyse met Python',
      organizationName: 'Hogeschool Schelde',
      issuedAt: credential.validFrom,
      certUrl: 'https://stapel.example/c/1',
      certId: credential.id,
    });
  });

  it('carries the expiry of a credential that expires', () => {
    const read = linkedInFacts({ ...credential, validUntil: '2030-02-01T00:00:00Z' }, 'u', 'en');
    expect(read?.expiresAt).toBe('2030-02-01T00:00:00Z');
    expect(linkedInProfileLink(read!).fields.expirationMonth).toBe('2');
  });

  it('says a credit certificate is one, in the chosen language', () => {
    const doc = structuredClone(credential) as {
      credentialSubject: { achievement: Record<string, unknown> };
    };
    doc.credentialSubject.achievement.proofOfLearningKind = 'credit-certificate';
    doc.credentialSubject.achievement.name = 'Inleiding tot data-analyse';
    expect(linkedInFacts(doc, 'u', 'nl')?.name).toBe('Inleiding tot data-analyse (creditbewijs)');
    expect(linkedInFacts(doc, 'u', 'en')?.name).toBe('Inleiding tot data-analyse (credit certificate)');
  });

  it('is nothing for a document that is not a credential with a date of issue', () => {
    expect(linkedInFacts(null, 'u', 'nl')).toBeUndefined();
    expect(linkedInFacts({ id: 'x' }, 'u', 'nl')).toBeUndefined();
    const { validFrom: _v, awardedDate: _a, ...undated } = credential;
    expect(linkedInFacts(undated, 'u', 'nl')).toBeUndefined();
  });

  it('imports nothing from Node, so the web can use it', () => {
    for (const file of ['linkedin.ts', 'certificate-facts.ts', 'certificate-labels.ts']) {
      const source = fs.readFileSync(
        path.resolve(import.meta.dirname, '../../src/certificates', file),
        'utf8',
      );
      expect(source).not.toMatch(/from 'node:|from '(fs|path|crypto|zlib)'/);
      for (const [, target] of source.matchAll(/from '(\.[^']+)'/g))
        expect(['./certificate-facts.ts', './certificate-labels.ts']).toContain(target);
    }
  });
});
