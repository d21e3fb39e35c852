import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  DEMO_SLUG,
  projectRoot,
  startE2e,
  type E2eEnvironment,
} from '../support/e2e.ts';
import { LEARNER_PASSWORD, insertEdition, insertEnrolment, staffClient } from '../support/cohort.ts';
import { qrTextsInPdf } from '../support/pdf-qr.ts';

/**
 * The learner's proof in the world, walked in the browser from the e-mail to the erasure of the account:
 * the credential's page, sharing, the PDF and its QR code, the baked badge and the PDF on the verification
 * page, LinkedIn, an import from elsewhere, the export of one's data, and a downloaded credential that stays
 * valid after the account is gone.
 */
const LEARNER = { email: 'wout.wereld@lerende.example', password: LEARNER_PASSWORD };
const EDITION = 'DATA-WORLD';
const TITLE = 'Data-analyse met Python';
const FOREIGN = path.join(projectRoot, 'test', 'fixtures', 'wallet', 'did-key-to-learner.json');
const SHOTS = 'test-results/shots';

let e2e: E2eEnvironment;
let link: string;
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'stapel-proof-'));

beforeAll(async () => {
  e2e = await startE2e('proof-in-the-world');
  const editionId = await insertEdition(e2e.database, EDITION, 'MC-DATA', DEMO_SLUG);
  await insertEnrolment(e2e.database, editionId, LEARNER.email, { status: 'accepted', verified: true });
  const assessor = await staffClient(e2e.app, e2e.database, 'assessor', DEMO_SLUG);
  for (const unit of ['DATA101', 'DATA102']) {
    const response = await assessor.post(`/api/v1/manage/${DEMO_SLUG}/editions/${EDITION}/results`, {
      email: LEARNER.email,
      courseUnit: unit,
      score: 15,
      assessedOn: '2026-03-20',
      assessmentType: 'Project met mondelinge verdediging',
      supervision: 'supervised-with-id-check',
    });
    expect(response.statusCode, response.body).toBe(201);
  }
});

afterAll(async () => {
  await e2e?.close();
  fs.rmSync(downloads, { recursive: true, force: true });
});

/** The page of a credential, signed in as the learner or signed out. */
async function credentialPage(signedIn: boolean, width = 1280): Promise<Page> {
  return e2e.open(new URL(link).pathname, { width, ...(signedIn ? { as: LEARNER } : {}) });
}

async function verifyFileOnVerifyPage(file: string): Promise<string> {
  const page = await e2e.open('/verify');
  await page.locator('input[type="file"]').setInputFiles(file);
  const verdict = page.getByRole('heading', { name: /^(Geldig|Niet geldig)/ }).first();
  await verdict.waitFor();
  return (await verdict.textContent()) ?? '';
}

describe('a proof of learning, from the e-mail to the erasure of the account', () => {
  it('walks pass → e-mail → page → share → PDF, badge, LinkedIn → private → import → export → erasure', async () => {
    // Passed: the e-mail links to the credential's page.
    const mail = await e2e.database.db
      .selectFrom('outbox')
      .select(['body'])
      .where('recipient', '=', LEARNER.email)
      .where('subject', 'like', 'Je leerbewijs%')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const line = mail.body.split('\n').find((l) => l.startsWith('- Micro-credential'));
    const found = line ? /(https?:\/\/\S+\/credentials\/[0-9a-f-]+)/.exec(line) : null;
    expect(found, mail.body).not.toBeNull();
    link = found![1]!;

    // The holder opens it: the page, private by default.
    const holder = await credentialPage(true);
    await holder.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const toggle = holder.getByRole('switch', { name: 'Iedereen met de link mag dit leerbewijs zien' });
    expect(await toggle.isChecked()).toBe(false);
    const before = await credentialPage(false);
    await before.getByRole('heading', { name: 'Dit leerbewijs is privé' }).waitFor();

    // Share on: visible signed out, with its title and a live verification.
    await toggle.click();
    await holder.getByText('Gedeeld: iedereen met de link ziet dit leerbewijs').first().waitFor();
    const visitor = await credentialPage(false);
    await visitor.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await visitor
      .getByText(/^Geldig/)
      .first()
      .waitFor();
    await visitor.screenshot({ path: `${SHOTS}/proof-shared-1280.png`, fullPage: true });
    expect(await accessibilityViolations(visitor)).toEqual([]);
    const phone = await credentialPage(false, 375);
    await phone.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await phone.screenshot({ path: `${SHOTS}/proof-shared-375.png`, fullPage: true });
    expect(await accessibilityViolations(phone)).toEqual([]);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The PDF's QR code leads to this page; the PDF and the baked badge verify on /verify.
    const pdf = await visitor.context().request.get(`${link}/certificate.pdf?lang=nl`);
    expect(pdf.status()).toBe(200);
    const pdfBytes = await pdf.body();
    expect(await qrTextsInPdf(pdfBytes)).toContain(link);
    const pdfFile = path.join(downloads, 'certificaat.pdf');
    fs.writeFileSync(pdfFile, pdfBytes);
    const png = await visitor.context().request.get(`${link}/badge.png`);
    expect(png.status()).toBe(200);
    const pngFile = path.join(downloads, 'badge.png');
    fs.writeFileSync(pngFile, await png.body());
    expect(await verifyFileOnVerifyPage(pngFile)).toMatch(/^Geldig/);
    expect(await verifyFileOnVerifyPage(pdfFile)).toMatch(/^Geldig/);

    // LinkedIn: the month is the month of issue, counted from 1.
    const credential = (await (await holder.context().request.get(`${link}/credential.json`)).json()) as {
      validFrom: string;
    };
    const credentialFile = path.join(downloads, 'leerbewijs.json');
    fs.writeFileSync(credentialFile, JSON.stringify(credential));
    const linkedIn = new URL(
      (await holder
        .getByRole('link', { name: /LinkedIn/ })
        .first()
        .getAttribute('href')) ?? '',
    );
    // LinkedIn counts months from 1; the month is the one of the date the page and the certificate show.
    const inBrussels = (options: Intl.DateTimeFormatOptions) =>
      Number(
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', ...options }).format(
          new Date(credential.validFrom),
        ),
      );
    expect(Number(linkedIn.searchParams.get('issueMonth'))).toBe(inBrussels({ month: 'numeric' }));
    expect(Number(linkedIn.searchParams.get('issueYear'))).toBe(inBrussels({ year: 'numeric' }));
    expect(linkedIn.searchParams.get('certUrl')).toBe(link);
    expect(linkedIn.searchParams.get('certId')).toBe(link);

    // Share off: private again, at once.
    await toggle.click();
    await holder.getByText('Privé: alleen jij en de instelling zien wat erin staat.').first().waitFor();
    const after = await credentialPage(false);
    await after.getByRole('heading', { name: 'Dit leerbewijs is privé' }).waitFor();
    expect(await after.getByText(TITLE).count()).toBe(0);

    // A credential from elsewhere comes into the wallet after it verified.
    const wallet = await e2e.open('/me', { as: LEARNER });
    await wallet.getByLabel('Bestand met een leerbewijs').setInputFiles(FOREIGN);
    await wallet.getByRole('button', { name: 'Bestand toevoegen' }).click();
    await wallet.getByText('Zeilen op open water is toegevoegd aan je portefeuille.').waitFor();
    await wallet
      .getByRole('region', { name: 'Toegevoegd van elders' })
      .getByRole('heading', { name: 'Zeilen op open water' })
      .waitFor();

    // Their data, all of it, as a file.
    const profile = await e2e.open('/me/profile', { as: LEARNER });
    const [download] = await Promise.all([
      profile.waitForEvent('download'),
      profile.getByRole('link', { name: 'Mijn gegevens downloaden' }).click(),
    ]);
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as Record<string, unknown>;
    expect(JSON.stringify(exported)).toContain(link);
    expect(JSON.stringify(exported)).toContain('Zeilen op open water');

    // Erasure: signed out, the page private, and the downloaded credential still verifies.
    await profile.getByLabel('Je wachtwoord', { exact: true }).last().fill(LEARNER.password);
    await profile.getByLabel('Typ je e-mailadres ter bevestiging').fill(LEARNER.email);
    await profile.getByRole('button', { name: 'Account definitief wissen' }).click();
    await profile.getByRole('heading', { name: 'Je account is gewist' }).waitFor();
    const users = await e2e.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', LEARNER.email)
      .execute();
    expect(users).toEqual([]);
    const verified = await profile.context().request.post(`${e2e.baseUrl}/api/v1/verify`, {
      data: fs.readFileSync(credentialFile, 'utf8'),
      headers: { 'content-type': 'application/json' },
    });
    expect(((await verified.json()) as { verified: boolean }).verified).toBe(true);
    expect(await verifyFileOnVerifyPage(pdfFile)).toMatch(/^Geldig/);
  });
});
