import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { databaseKinds } from '../support/databases.ts';
import { startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { qrTextsInPdf } from '../support/pdf-qr.ts';
import { pdfTextPages } from './pdf-text.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import { extractAttachedCredential } from '../../src/credentials/pdf-attachment.ts';
import { parseCredentialInput } from '../../src/verification/credential-input.ts';
import { platformVerifier } from '../../src/verification/platform-verifier.ts';
import { NotACertificateError, certificatePdf, monogram } from '../../src/certificates/certificate-pdf.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/certificates');
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every image XObject of a PDF (the QR code, and the logo when there is one), SMasks left out. */
async function imagesIn(bytes: Uint8Array): Promise<Array<{ width: number; height: number }>> {
  const pdf = await PDFDocument.load(bytes);
  const images: Array<{ width: number; height: number }> = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    if (object.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    if (object.dict.get(PDFName.of('ColorSpace')) === PDFName.of('DeviceGray')) continue;
    images.push({
      width: Number(object.dict.get(PDFName.of('Width'))!.toString()),
      height: Number(object.dict.get(PDFName.of('Height'))!.toString()),
    });
  }
  return images;
}

describe.each(databaseKinds())('PDF certificates of issued credentials on $name', (kind) => {
  let f: IssuingFixture;
  /** The stored (signed) texts of one form-A award: two credit certificates, then the certificate. */
  let texts: string[];
  let certificate: string;

  beforeAll(async () => {
    f = await startIssuing(kind);
    const award = await runAward(f.context, async (tx) => ({
      institution: await getInstitution(tx, 'hogeschool-schelde'),
      code: 'MC-DATA',
      learner: { email: 'zoe@example.org', name: 'Zoë Vandenbroucke-Ünal' },
      score: 15.5,
      recordedBy: 'test',
    }));
    texts = [];
    for (const c of award.credentials) {
      const row = await f.db.handle.db
        .selectFrom('credentials')
        .select('document')
        .where('credential_url', '=', c.id)
        .executeTakeFirstOrThrow();
      texts.push(row.document);
    }
    certificate = texts[2]!;
  });
  afterAll(async () => {
    await f?.db.dispose();
  });

  const idOf = (text: string) => (JSON.parse(text) as Doc).id as string;
  const pageUrl = (text: string) => idOf(text).replace('/credentials/', '/c/');

  it('carries the exact signed text, which verifies from the PDF alone', async () => {
    const pdf = await certificatePdf(certificate, { lang: 'nl', pageUrl: pageUrl(certificate) });
    const attached = await extractAttachedCredential(pdf);
    expect(attached).toBe(certificate);
    const result = await platformVerifier(f.db.handle, f.context.settings).verify(
      parseCredentialInput(attached!),
    );
    expect(result.verified, JSON.stringify(result.checks)).toBe(true);
  });

  it('has a QR code that a camera reads as the page address', async () => {
    const url = pageUrl(certificate);
    const pdf = await certificatePdf(certificate, { lang: 'en', pageUrl: url });
    expect(await qrTextsInPdf(pdf)).toEqual([url]);
  });

  it('prints title, ECTS, level, learner, institution, outcomes, every EU element and the id, in Dutch', async () => {
    const pdf = await certificatePdf(certificate, { lang: 'nl', pageUrl: pageUrl(certificate) });
    const lines = (await pdfTextPages(pdf)).flat();
    const doc = JSON.parse(certificate) as Doc;
    const achievement = doc.credentialSubject.achievement as Doc;
    expect(lines).toEqual(
      expect.arrayContaining([
        'Micro-credentialcertificaat',
        'Micro-credential certificate',
        'Zoë Vandenbroucke-Ünal',
        'Data-analyse met Python',
        'Hogeschool Schelde verklaart dat',
        '6 studiepunten (ECTS) · 160 uur',
        'VKS 6 · EQF 6',
        'België · Vlaanderen',
        'LEERRESULTATEN',
        ...(achievement.learningOutcome as string[]),
        achievement.assessmentType as string,
        'Onder toezicht (online of op de campus), met identiteitscontrole',
        'Gemengd (online en op de campus)',
        'Interne en externe kwaliteitszorg',
        'A · uit regulier aanbod',
        achievement.entryRequirement as string,
        '15,5 op 20',
        doc.id as string,
        pageUrl(certificate),
      ]),
    );
    const issuedOn = lines[lines.indexOf('Datum van uitreiking') + 1];
    expect(issuedOn).toMatch(
      /^\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}$/,
    );
    expect(lines.join(' ')).toContain('Stapelbaar met de micro-credential');
  });

  it('is in English with the Dutch title beneath, and its metadata says who and what', async () => {
    const pdf = await certificatePdf(certificate, { lang: 'en', pageUrl: pageUrl(certificate) });
    const lines = (await pdfTextPages(pdf)).flat();
    expect(lines).toEqual(
      expect.arrayContaining([
        'Micro-credential certificate',
        'Micro-credentialcertificaat',
        'Hogeschool Schelde declares that',
        'has successfully obtained the micro-credential',
        '6 ECTS credits · 160 hours',
        'LEARNING OUTCOMES',
        'Supervised online or on site, with identity verification',
        'Belgium · Flanders',
        '15.5 out of 20',
      ]),
    );
    expect(lines).not.toContain('LEERRESULTATEN');
    const loaded = await PDFDocument.load(pdf);
    expect(loaded.getTitle()).toBe('Micro-credential certificate: Data-analyse met Python');
    expect(loaded.getAuthor()).toBe('Hogeschool Schelde');
    expect(loaded.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(en)');
    const [page] = loaded.getPages();
    expect([Math.round(page!.getWidth()), Math.round(page!.getHeight())]).toEqual([595, 842]);
  });

  it('names the institution in the chosen language when the caller knows both names', async () => {
    const pdf = await certificatePdf(certificate, {
      lang: 'en',
      pageUrl: pageUrl(certificate),
      institutionName: { nl: 'Hogeschool Schelde', en: 'Scheldt University of Applied Sciences' },
    });
    const lines = (await pdfTextPages(pdf)).flat();
    expect(lines).toContain('Scheldt University of Applied Sciences declares that');
    expect((await PDFDocument.load(pdf)).getAuthor()).toBe('Scheldt University of Applied Sciences');
  });

  it('gives each form-A credit certificate its own PDF: its course unit, its credits, its id and QR code', async () => {
    for (const [i, code] of [
      [0, 'DATA101'],
      [1, 'DATA102'],
    ] as const) {
      const text = texts[i]!;
      const pdf = await certificatePdf(text, { lang: 'nl', pageUrl: pageUrl(text) });
      const lines = (await pdfTextPages(pdf)).flat();
      const achievement = (JSON.parse(text) as Doc).credentialSubject.achievement as Doc;
      expect(lines).toEqual(
        expect.arrayContaining([
          'Creditbewijs',
          'Credit certificate',
          'met succes het creditbewijs behaalde voor het opleidingsonderdeel',
          achievement.name as string,
          code,
          `${achievement.creditsAvailable as number} studiepunten (ECTS)`,
          idOf(text),
        ]),
      );
      expect(lines).not.toContain(idOf(certificate));
      expect(await qrTextsInPdf(pdf)).toEqual([pageUrl(text)]);
      expect(await extractAttachedCredential(pdf)).toBe(text);
    }
  });
});

describe('the layout of a certificate', () => {
  const base = JSON.parse(
    fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/certificates/credential.json'), 'utf8'),
  ) as Doc;
  const withOutcomes = (outcomes: string[], extra: Doc = {}) => {
    const doc = structuredClone(base);
    doc.credentialSubject.achievement.learningOutcome = outcomes;
    return JSON.stringify({ ...doc, ...extra });
  };
  const options = { lang: 'nl' as const, pageUrl: 'https://stapel.example/c/1' };

  it('flows a long list of outcomes onto a second page, every outcome printed once', async () => {
    const outcomes = Array.from(
      { length: 30 },
      (_, i) =>
        `Leerresultaat ${i + 1}: past een methode toe op een realistische casus en verantwoordt de gemaakte keuzes.`,
    );
    const pages = await pdfTextPages(await certificatePdf(withOutcomes(outcomes), options));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const all = pages.flat().join(' ');
    for (const o of outcomes) expect(all.split(o).length - 1).toBe(1);
    expect(pages[0]).toContain('Pagina 1 van ' + pages.length);
    expect(pages[1]!.some((l) => l.endsWith('(vervolg)'))).toBe(true);
    // The QR code is on the first page only.
    expect(pages[0]).toContain('Echtheid controleren');
    expect(pages[1]).not.toContain('Echtheid controleren');
  });

  it('is the same file every time it is made from the same credential', async () => {
    const text = JSON.stringify(base);
    const first = await certificatePdf(text, options);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(Buffer.from(await certificatePdf(text, options)).equals(Buffer.from(first))).toBe(true);
  });

  it('keeps a typical micro-credential on one page', async () => {
    const pages = await pdfTextPages(await certificatePdf(JSON.stringify(base), options));
    expect(pages).toHaveLength(1);
  });

  it('prints an expiry date when the credential has one, and none otherwise', async () => {
    const expiring = await certificatePdf(
      withOutcomes(['Eén.'], { validUntil: '2031-06-30T22:00:00Z' }),
      options,
    );
    const lines = (await pdfTextPages(expiring)).flat();
    expect(lines[lines.indexOf('Geldig tot') + 1]).toBe('1 juli 2031');
    expect((await pdfTextPages(await certificatePdf(JSON.stringify(base), options))).flat()).not.toContain(
      'Geldig tot',
    );
  });

  it('writes letters outside the PDF fonts safely: accents dropped, other scripts as "?"', async () => {
    const doc = structuredClone(base);
    doc.credentialSubject.identifier[1].identityHash = 'Łukasz Wałęsa-Őry 学';
    const pdf = await certificatePdf(JSON.stringify(doc), options);
    expect((await pdfTextPages(pdf)).flat()).toContain('Lukasz Walesa-Ory ?');
    // The attached credential keeps the exact name.
    expect(await extractAttachedCredential(pdf)).toBe(JSON.stringify(doc));
  });

  it('shows the institution’s logo, PNG or SVG, and a monogram without one', async () => {
    const text = JSON.stringify(base);
    const png = await certificatePdf(text, {
      ...options,
      logo: { mediaType: 'image/png', bytes: fs.readFileSync(path.join(fixtures, 'logo.png')) },
    });
    const svg = await certificatePdf(text, {
      ...options,
      logo: { mediaType: 'image/svg+xml', bytes: fs.readFileSync(path.join(fixtures, 'logo.svg')) },
    });
    const none = await certificatePdf(text, options);
    expect(await imagesIn(png)).toHaveLength(2);
    expect(await imagesIn(svg)).toHaveLength(2);
    expect(await imagesIn(none)).toHaveLength(1);
    expect((await pdfTextPages(none)).flat()).toContain('HS');
    expect((await pdfTextPages(png)).flat()).not.toContain('HS');
    // The QR code still reads next to a logo.
    expect(await qrTextsInPdf(png)).toEqual([options.pageUrl]);
  });

  it('makes the monogram from the main words of the name', () => {
    expect(monogram('Hogeschool Schelde')).toBe('HS');
    expect(monogram('Universiteit van de Leie')).toBe('UL');
    expect(monogram('École Supérieure Ørsted')).toBe('ÉSØ');
    expect(monogram('')).toBe('?');
  });

  it('speaks of the holder when the credential carries no name', async () => {
    const doc = structuredClone(base);
    doc.credentialSubject.identifier = doc.credentialSubject.identifier.slice(0, 1);
    const lines = (await pdfTextPages(await certificatePdf(JSON.stringify(doc), options))).flat();
    expect(lines).toContain('de houder van dit leerbewijs');
    expect(lines).not.toContain('Zoë Vandenbroucke-Ünal');
  });

  it('refuses a text that is not an Open Badges credential', async () => {
    await expect(certificatePdf('not json', options)).rejects.toThrow(NotACertificateError);
    await expect(certificatePdf('{"@context":[]}', options)).rejects.toThrow(NotACertificateError);
  });
});
