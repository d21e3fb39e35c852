import fs from 'node:fs';
import path from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import type { IssuingContext } from '../../src/issuing/context.ts';
import { changeCredentialStatus } from '../../src/issuing/status.ts';
import { createDocumentLoader } from '../../src/credentials/document-loader.ts';
import { signCredential } from '../../src/credentials/sign.ts';
import {
  accessibilityViolations,
  makeUser,
  isFocused,
  projectRoot,
  startE2e,
  type E2eEnvironment,
  type OpenOptions,
} from '../support/e2e.ts';

const TEST_VECTOR = fs.readFileSync(
  path.join(projectRoot, 'test', 'fixtures', 'standards', '1edtech-ob3-test-vector.signed.json'),
  'utf8',
);
const MALFORMED = fs.readFileSync(
  path.join(projectRoot, 'test', 'fixtures', 'credentials', 'malformed.json'),
  'utf8',
);
const DID_KEY_CLAIM = fs.readFileSync(
  path.join(projectRoot, 'test', 'fixtures', 'credentials', 'did-key-claims-hogeschool-schelde.json'),
  'utf8',
);
const DUPLICATE_NAME = fs.readFileSync(
  path.join(projectRoot, 'test', 'fixtures', 'credentials', 'duplicate-name.json'),
  'utf8',
);
/** Words of English explanations: none of them may show on the Dutch page (data in a credential aside). */
const ENGLISH = /\b(the|signature|issuer|revoked|suspended|signed|unchanged|checked|valid from|not|input)\b/i;

const CHECK_HEADINGS_NL = [
  'Leesbaar als credential',
  'Open Badges 3.0-schema',
  'Digitale handtekening',
  'Sleutel van de uitreiker',
  'Intrekking en schorsing',
  'Geldigheidsperiode',
  'Erkenning van de uitreiker',
];
const CHECK_HEADINGS_EN = [
  'Readable as a credential',
  'Open Badges 3.0 schema',
  'Digital signature',
  "Issuer's key",
  'Revocation and suspension',
  'Validity period',
  'Issuer recognition',
];

let e2e: E2eEnvironment;

const open = (urlPath: string, options: OpenOptions = {}): Promise<Page> => e2e.open(urlPath, options);

/** A signed credential issued by the running server, and one that was revoked after issue. */
let valid: { id: string; document: Record<string, unknown> };
let revoked: { id: string; document: Record<string, unknown> };
/** A forgery: the institution's profile URL on this host as issuer, signed with the forger's own key. */
let forged: Record<string, unknown>;
const REVOCATION_REASON = 'Uitgereikt aan de verkeerde persoon';

/** The live region: progress while checking, then the verdict. */
function verdict(page: Page) {
  return page.getByRole('status');
}

/** Waits until the live region holds a verdict, and returns its text. */
async function verdictText(page: Page): Promise<string> {
  await expect
    .poll(async () => (await verdict(page).textContent()) ?? '', { timeout: 15_000 })
    .toMatch(/^(Geldig|Niet geldig|Valid|Not valid|Ingetrokken|Revoked|Uitreiker niet|Issuer not)/);
  return (await verdict(page).textContent()) ?? '';
}

function checksRegion(page: Page) {
  return page.getByRole('region', { name: /^(Controles|Checks)$/ });
}

/** One check of the list, by its heading. */
function check(page: Page, heading: string) {
  return checksRegion(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 4, name: heading, exact: true }) });
}

async function checkStates(page: Page): Promise<string[]> {
  const items = checksRegion(page).getByRole('listitem');
  const states: string[] = [];
  for (const item of await items.all()) {
    states.push((await item.locator('.check__state').textContent()) ?? '');
  }
  return states;
}

/** The value next to a term in "what the credential says". */
function detail(page: Page, term: string) {
  return page
    .getByRole('region', { name: /^(Gegevens in het leerbewijs|What the credential says)$/ })
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd');
}

/** The result area's text on a Dutch page holds no English explanation. */
async function expectNoEnglish(page: Page): Promise<void> {
  const text = (await page.locator('.verify-result').innerText()).replace(/\S*[:/]\S*/g, ' ');
  expect(text).not.toMatch(ENGLISH);
}

/** The verdict's colour: only a recognised issuer's valid credential is green. */
async function verdictTone(page: Page): Promise<string> {
  return (await page.locator('.verdict').getAttribute('class')) ?? '';
}

async function paste(page: Page, text: string): Promise<void> {
  await page.getByLabel('JSON van het leerbewijs').fill(text);
  await page.getByRole('button', { name: 'Controleren', exact: true }).click();
}

beforeAll(async () => {
  e2e = await startE2e('verify', { env: { STAPEL_TRUSTED_ISSUERS: '' } });
  const db = e2e.database;
  const context: IssuingContext = { database: db, settings: e2e.config.settings, masterKey: e2e.masterKey };
  const award = (email: string, name: string) =>
    runAward(context, async (tx) => ({
      institution: await getInstitution(tx, 'hogeschool-schelde'),
      code: 'PV-LEAN',
      learner: { email, name },
      score: 15,
      recordedBy: 'test',
    }));
  const issued = (await award('e2e@example.org', 'E2E Learner')).credentials[0];
  const toRevoke = (await award('revoked@example.org', 'Roos Verlinden')).credentials[0];
  if (!issued || !toRevoke) throw new Error('The award issued no credential.');
  await db.transaction((tx) => changeCredentialStatus(tx, context, toRevoke.id, 'revoke', REVOCATION_REASON));
  valid = { id: issued.id, document: issued.document };
  revoked = { id: toRevoke.id, document: toRevoke.document };
  // Their holders share them, so that anyone may verify them by their link.
  for (const [email, name, document] of [
    ['e2e@example.org', 'E2E Learner', issued.document],
    ['revoked@example.org', 'Roos Verlinden', toRevoke.document],
  ] as const) {
    await makeUser(db, { email, name, password: 'een-lang-wachtwoord-voor-e2e' });
    const user = await db.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const credentialId = new URL(String(document.id)).pathname.split('/').pop()!;
    await db.db
      .insertInto('credential_shares')
      .values({ credential_id: credentialId, user_id: user.id, shared_at: new Date().toISOString() })
      .execute();
  }

  const forgedIssuer = `${e2e.baseUrl}/institutions/hogeschool-schelde/profile.json`;
  const generated = await Ed25519Multikey.generate();
  const forgerKey = await Ed25519Multikey.from({
    ...(await generated.export({ publicKey: true, secretKey: true })),
    id: `${forgedIssuer}#${generated.publicKeyMultibase}`,
    controller: forgedIssuer,
  });
  const { proof: _proof, credentialStatus: _status, ...content } = structuredClone(issued.document);
  forged = await signCredential(
    { ...content, issuer: { ...(content.issuer as Record<string, unknown>), id: forgedIssuer } },
    forgerKey,
    createDocumentLoader(),
  );
});

afterEach(async () => {
  await e2e.closeContexts();
});

afterAll(async () => {
  await e2e?.close();
});

describe('public credential verification in the browser', () => {
  it('is linked from the header next to the catalogue, and starts empty', async () => {
    const page = await open('/');
    const nav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Catalogus', 'Verifiëren']);
    await nav.getByRole('link', { name: 'Verifiëren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Een leerbewijs verifiëren' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/verify');
    expect(await page.title()).toBe('Verifiëren — Stapel');
    expect(await nav.getByRole('link', { name: 'Verifiëren' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'Catalogus' }).getAttribute('aria-current')).toBeNull();
    for (const heading of ['Uit een bestand', 'Geplakte JSON', 'Via een link']) {
      expect(await page.getByRole('heading', { level: 2, name: heading }).count(), heading).toBe(1);
    }
    expect(await page.getByRole('heading', { name: 'Resultaat van de controle' }).count()).toBe(0);
    expect(await verdict(page).textContent()).toBe('');
  });

  it('verifies a pasted credential: valid, every check passed, learner and issuer shown', async () => {
    const page = await open('/verify');
    await paste(page, JSON.stringify(valid.document, null, 2));
    const text = await verdictText(page);
    expect(text).toMatch(/^Geldig/);
    expect(text).toContain('Alle controles zijn geslaagd');
    expect(await page.getByText('Gecontroleerd: de geplakte JSON').count()).toBe(1);
    // The result takes the focus, so that keyboard and screen reader users land on it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Resultaat van de controle');

    expect(await checksRegion(page).getByRole('heading', { level: 4 }).allTextContents()).toEqual(
      CHECK_HEADINGS_NL,
    );
    expect(await checkStates(page)).toEqual(Array(7).fill('Geslaagd'));
    expect(text).toContain('Uitgereikt door Hogeschool Schelde');
    expect(await verdictTone(page)).toContain('verdict--ok');
    expect(await check(page, 'Digitale handtekening').textContent()).toContain(
      'het leerbewijs is niet gewijzigd sinds het ondertekend werd',
    );
    expect(await check(page, 'Erkenning van de uitreiker').textContent()).toContain(
      'Uitgereikt door Hogeschool Schelde, een instelling op dit platform',
    );
    await expectNoEnglish(page);

    expect(await detail(page, 'Lerende').textContent()).toBe('E2E Learner');
    expect(await detail(page, 'Uitgereikt door').textContent()).toContain('Hogeschool Schelde');
    expect(await detail(page, 'Toegekend voor').textContent()).toBe('Lean werken in de zorgMicro-credential');
    expect(await detail(page, 'Studieomvang').textContent()).toBe('2 studiepunten');
    expect(await detail(page, 'Geldig tot').textContent()).toBe('Geen einddatum');
    expect(await detail(page, 'Kenmerk').textContent()).toBe(valid.id);
    expect(await page.getByText('maar zijn niet bevestigd').count()).toBe(0);
  });

  it('verifies a file chosen with the file input, and a file dropped on the drop zone', async () => {
    const page = await open('/verify');
    const json = JSON.stringify(valid.document);
    await page.getByLabel('Kies een bestand').setInputFiles({
      name: 'lean-werken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(json),
    });
    expect(await verdictText(page)).toMatch(/^Geldig/);
    expect(await checkStates(page)).toEqual(Array(7).fill('Geslaagd'));
    expect(await page.getByText('Gecontroleerd: het bestand lean-werken.json').count()).toBe(1);
    expect(await page.getByText('Gekozen bestand: lean-werken.json').count()).toBe(1);

    const other = await open('/verify');
    await other.getByText(/^Sleep het bestand/).evaluate((element, text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'gesleept.json', { type: 'application/json' }));
      element.dispatchEvent(
        new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: data }),
      );
      element.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
    }, json);
    expect(await verdictText(other)).toMatch(/^Geldig/);
    expect(await other.getByText('Gecontroleerd: het bestand gesleept.json').count()).toBe(1);
  });

  it('finds a changed field: not valid, with the signature check failed', async () => {
    const page = await open('/verify');
    const tampered = structuredClone(valid.document) as {
      credentialSubject: { identifier: Array<{ identityType: string; identityHash: string }> };
    };
    const name = tampered.credentialSubject.identifier.find((i) => i.identityType === 'name');
    if (!name) throw new Error('The credential names no learner.');
    name.identityHash = 'Someone Else';
    await paste(page, JSON.stringify(tampered, null, 2));

    const text = await verdictText(page);
    expect(text).toMatch(/^Niet geldig/);
    expect(text).toContain('Mislukt: Digitale handtekening');
    // Only the signature failed; what could not be checked after it says so instead of "failed".
    expect(text).toContain('1 van de 7 controles is mislukt');
    expect(await check(page, 'Geldigheidsperiode').locator('.check__state').textContent()).toBe(
      'Niet gecontroleerd',
    );
    const signature = check(page, 'Digitale handtekening');
    expect(await signature.locator('.check__state').textContent()).toBe('Mislukt');
    expect(await signature.textContent()).toContain(
      'De handtekening past niet bij de inhoud: het leerbewijs werd gewijzigd nadat het ondertekend werd.',
    );
    expect(text).toContain('Zegt uitgereikt te zijn door Hogeschool Schelde');
    await expectNoEnglish(page);
    // What the credential says is shown, but marked as not confirmed.
    expect(await detail(page, 'Lerende').textContent()).toBe('Someone Else');
    expect(
      await page
        .getByText('Deze gegevens staan in het leerbewijs, maar zijn niet bevestigd: de controle is mislukt.')
        .count(),
    ).toBe(1);
  });

  it('reports a revoked credential at the top, with the date and the reason', async () => {
    const page = await open('/verify');
    await paste(page, JSON.stringify(revoked.document));
    const text = await verdictText(page);
    const today = new Intl.DateTimeFormat('nl-BE', { dateStyle: 'long' }).format(new Date());
    expect(text).toMatch(new RegExp(`^Ingetrokken op ${today}`));
    expect(text).toContain(`Reden: ${REVOCATION_REASON}`);
    expect(text).toContain('Mislukt: Intrekking en schorsing');
    const status = check(page, 'Intrekking en schorsing');
    expect(await status.locator('.check__state').textContent()).toBe('Mislukt');
    expect(await status.textContent()).toContain(`Ingetrokken op ${today} door de uitreiker.`);
    await expectNoEnglish(page);
    expect(await check(page, 'Digitale handtekening').locator('.check__state').textContent()).toBe(
      'Geslaagd',
    );
    expect(await detail(page, 'Lerende').textContent()).toBe('Roos Verlinden');
  });

  it('refuses a forgery naming this platform’s profile URL: not valid, the name only as claimed', async () => {
    const page = await open('/verify');
    await paste(page, JSON.stringify(forged));
    const text = await verdictText(page);
    expect(text).toMatch(/^Niet geldig/);
    expect(text).toContain('Zegt uitgereikt te zijn door Hogeschool Schelde');
    expect(text).toContain('het doet zich voor als een van hen');
    expect(text).not.toContain('Uitgereikt door');
    expect(await verdictTone(page)).toContain('verdict--failed');
    const issuer = check(page, 'Erkenning van de uitreiker');
    expect(await issuer.locator('.check__state').textContent()).toBe('Mislukt');
    expect(await issuer.textContent()).toContain('Geweigerd: het leerbewijs noemt als uitreiker');
    expect(await detail(page, 'Zegt uitgereikt te zijn door').textContent()).toContain('Hogeschool Schelde');
    await expectNoEnglish(page);
  });

  it('does not show a did:key credential in an institution’s name as green', async () => {
    const page = await open('/verify');
    await paste(page, DID_KEY_CLAIM);
    const text = await verdictText(page);
    expect(text).toMatch(/^Uitreiker niet erkend/);
    expect(text).toContain('Zegt uitgereikt te zijn door Hogeschool Schelde');
    expect(await verdictTone(page)).toContain('verdict--warning');
    expect(await page.getByText('Uitgereikt door', { exact: true }).count()).toBe(0);
    await expectNoEnglish(page);
  });

  it('refuses a credential with a key twice, saying which and where, in Dutch', async () => {
    const page = await open('/verify');
    await paste(page, DUPLICATE_NAME);
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: 'Dit is geen leesbaar leerbewijs' }).waitFor();
    expect(await alert.textContent()).toContain(
      'De sleutel "name" staat twee keer in hetzelfde object (/, regel 16, kolom 3)',
    );
  });

  it('verifies the credential behind a link in the address, and one entered in the link field', async () => {
    const page = await open(`/verify?url=${encodeURIComponent(valid.id)}`);
    expect(await verdictText(page)).toMatch(/^Geldig/);
    expect(await checkStates(page)).toEqual(Array(7).fill('Geslaagd'));
    expect(await page.getByText(`Gecontroleerd: de link ${valid.id}`).count()).toBe(1);
    expect(await page.getByLabel('Link naar het leerbewijs').inputValue()).toBe(valid.id);
    // Opened from a link, the page keeps the focus where the browser put it.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');

    await page.getByLabel('Link naar het leerbewijs').fill(revoked.id);
    await page.getByRole('button', { name: 'Link controleren' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('url')).toBe(revoked.id);
    await expect
      .poll(async () => (await verdict(page).textContent()) ?? '', { timeout: 15_000 })
      .toMatch(/^Ingetrokken op /);
    expect(await check(page, 'Intrekking en schorsing').textContent()).toContain(
      `Reden: ${REVOCATION_REASON}`,
    );

    // Back to the first link: the address is the source of truth.
    await page.goBack();
    await expect
      .poll(async () => (await verdict(page).textContent()) ?? '', { timeout: 15_000 })
      .toMatch(/^Geldig/);
  });

  it('explains unreadable input in words, with the server’s detail, and asks for missing input', async () => {
    const page = await open('/verify');
    await paste(page, MALFORMED);
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: 'Dit is geen leesbaar leerbewijs' }).waitFor();
    expect(await alert.textContent()).toContain('De server kon het niet lezen en gaf deze uitleg:');
    expect(await alert.textContent()).toContain(
      'De invoer is geen geldige JSON: na een veldwaarde hoort "," of "}" op regel 4, kolom 3',
    );
    expect(await alert.locator('[lang="en"]').count()).toBe(0);
    expect(await verdict(page).textContent()).toBe('');

    await paste(page, '   ');
    const textarea = page.getByLabel('JSON van het leerbewijs');
    expect(await textarea.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Plak eerst de JSON van een leerbewijs.').count()).toBe(1);
    expect(await isFocused(textarea)).toBe(true);

    await page.getByLabel('Link naar het leerbewijs').fill('geen link');
    await page.getByRole('button', { name: 'Link controleren' }).click();
    expect(await page.getByLabel('Link naar het leerbewijs').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Dit is geen geldige link.', { exact: false }).count()).toBe(1);

    const missing = await open(
      `/verify?url=${encodeURIComponent(`${e2e.baseUrl}/credentials/bestaat-niet`)}`,
    );
    await missing
      .getByRole('alert')
      .getByRole('heading', { name: 'Het leerbewijs achter deze link kon niet gelezen worden' })
      .waitFor();
    expect(await missing.getByRole('alert').textContent()).toContain('Er is geen leerbewijs op');
  });

  it('shows the 1EdTech test vector with its issuer unconfirmed and its schema deviation as warnings', async () => {
    const page = await open('/verify');
    await paste(page, TEST_VECTOR);
    const text = await verdictText(page);
    expect(text).toMatch(/^Uitreiker niet bevestigd/);
    expect(text).toContain('Zegt uitgereikt te zijn door Example Corp');
    expect(text).toContain('Waarschuwing: Open Badges 3.0-schema, Erkenning van de uitreiker');
    expect(await verdictTone(page)).toContain('verdict--warning');
    expect(await checkStates(page)).toEqual([
      'Geslaagd',
      'Waarschuwing',
      ...Array(4).fill('Geslaagd'),
      'Waarschuwing',
    ]);
    expect(await check(page, 'Erkenning van de uitreiker').textContent()).toContain(
      'Zegt uitgereikt te zijn door Example Corp',
    );
    expect(await detail(page, 'Naam').textContent()).toBe('Teamwork Badge');
    expect(await detail(page, 'Zegt uitgereikt te zijn door').textContent()).toContain('Example Corp');
  });

  it('switches the page, the check headings and every explanation to English', async () => {
    const page = await open(`/verify?url=${encodeURIComponent(valid.id)}`);
    expect(await verdictText(page)).toMatch(/^Geldig/);
    const english = page.getByRole('button', { name: /^EN/ });
    await english.click();
    await page.getByRole('heading', { level: 1, name: 'Verify a credential' }).waitFor();
    expect(await english.getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.title()).toBe('Verify — Stapel');
    expect(await verdict(page).textContent()).toMatch(/^ValidIssued by Hogeschool Schelde/);
    expect(await verdict(page).textContent()).toContain('Every check passed');
    expect(await check(page, 'Digital signature').textContent()).toContain(
      'the credential is unchanged since it was signed',
    );
    expect(await page.getByRole('heading', { level: 2, name: 'Verification result' }).count()).toBe(1);
    expect(await checksRegion(page).getByRole('heading', { level: 4 }).allTextContents()).toEqual(
      CHECK_HEADINGS_EN,
    );
    expect(await checkStates(page)).toEqual(Array(7).fill('Passed'));
    expect(await detail(page, 'Learner').textContent()).toBe('E2E Learner');
    expect(await detail(page, 'Study load').textContent()).toBe('2 credits');
    // Explanations are worded in the interface language itself: no language marks needed.
    expect(await checksRegion(page).locator('[lang]').count()).toBe(0);
    for (const name of ['From a file', 'Pasted JSON', 'From a link']) {
      expect(await page.getByRole('heading', { level: 2, name }).count(), name).toBe(1);
    }
    expect(await page.getByLabel('Choose a file').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Verify', exact: true }).count()).toBe(1);
  });

  it('reaches the file input, the textarea and every button with Tab, in reading order', async () => {
    const page = await open('/verify');
    await page.getByRole('heading', { level: 1, name: 'Een leerbewijs verifiëren' }).waitFor();
    const stops: string[] = [];
    let fileFocusRing = '';
    for (let i = 0; i < 20 && stops.at(-1) !== 'button:Link controleren'; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element) return { name: '', ring: '' };
        const label = (element as HTMLInputElement).labels?.[0];
        const name = `${element.tagName.toLowerCase()}:${(label?.textContent ?? element.textContent ?? '').trim()}`;
        // The file input is hidden; its focus ring shows on the visible, button-like label.
        return { name, ring: label ? getComputedStyle(label).outlineStyle : '' };
      });
      stops.push(stop.name);
      if (stop.name === 'input:Kies een bestand') fileFocusRing = stop.ring;
    }
    const wanted = [
      'input:Kies een bestand',
      'textarea:JSON van het leerbewijs',
      'button:Controleren',
      'input:Link naar het leerbewijs',
      'button:Link controleren',
    ];
    expect(stops.filter((stop) => wanted.includes(stop))).toEqual(wanted);
    expect(fileFocusRing).toBe('solid');

    // Enter in the link field submits that form.
    await page.getByLabel('Link naar het leerbewijs').fill(valid.id);
    await page.getByLabel('Link naar het leerbewijs').press('Enter');
    expect(await verdictText(page)).toMatch(/^Geldig/);
  });

  const waitForVerdict = (expected: RegExp) => async (page: Page) => {
    await expect
      .poll(async () => (await verdict(page).textContent()) ?? '', { timeout: 15_000 })
      .toMatch(expected);
  };
  const axeViews: Array<[string, { width?: number; lang?: 'nl' | 'en' }, (page: Page) => Promise<void>]> = [
    ['the empty page', {}, async () => {}],
    ['the empty page', { width: 375, lang: 'en' }, async () => {}],
    [
      'a valid result',
      {},
      async (page) => {
        await paste(page, JSON.stringify(valid.document));
        await waitForVerdict(/^Geldig/)(page);
      },
    ],
    [
      'a valid result',
      { width: 375, lang: 'en' },
      async (page) => {
        await page.getByLabel('JSON of the credential').fill(JSON.stringify(valid.document));
        await page.getByRole('button', { name: 'Verify', exact: true }).click();
        await waitForVerdict(/^Valid/)(page);
      },
    ],
    [
      'a revoked result',
      { width: 375 },
      async (page) => {
        await paste(page, JSON.stringify(revoked.document));
        await waitForVerdict(/^Ingetrokken op /)(page);
      },
    ],
    [
      'a result with a warning',
      {},
      async (page) => {
        await paste(page, TEST_VECTOR);
        await waitForVerdict(/^Uitreiker niet bevestigd/)(page);
      },
    ],
    [
      'a forged result',
      { width: 375 },
      async (page) => {
        await paste(page, JSON.stringify(forged));
        await waitForVerdict(/^Niet geldig/)(page);
      },
    ],
    [
      'an unreadable input',
      { width: 375 },
      async (page) => {
        await paste(page, MALFORMED);
        await page.getByRole('alert').waitFor();
      },
    ],
  ];
  it.each(axeViews)(
    'has no WCAG 2.1 AA violations that axe-core finds on %s %o, nor sideways scrolling on a phone',
    async (_view, options, act) => {
      const page = await open('/verify', options);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await act(page);
      await page.waitForLoadState('networkidle');
      expect(await accessibilityViolations(page)).toEqual([]);
      if (options.width === 375) {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      }
    },
  );
});
