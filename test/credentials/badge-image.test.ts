import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import {
  MAX_BADGE_UPLOAD_BYTES,
  badgeColours,
  badgeDataUrl,
  badgeUploadProblem,
  generatedBadgeSvg,
  svgProblem,
  wrapText,
  type BadgeFacts,
} from '../../src/credentials/badge-image.ts';
import { badgeImageUrl, parseBadgeDataUrl } from '../../src/catalogue/badge-images.ts';
import { buildOpenBadgeCredential } from '../../src/credentials/open-badge.ts';
import { validateOpenBadgeSchema } from '../../src/credentials/schema.ts';
import { createWorld, stapelCredential } from '../verification/verification-world.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/badges');
const read = (name: string) => fs.readFileSync(path.join(fixtures, name));
const encode = (text: string) => new TextEncoder().encode(text);

const facts = (title: string, over: Partial<BadgeFacts> = {}): BadgeFacts => ({
  title,
  vksLevel: 6,
  ects: 6,
  institutionName: 'Hogeschool Schelde',
  institutionSlug: 'hogeschool-schelde',
  lang: 'nl',
  ...over,
});

const LONG_TITLE =
  'Toegepaste klimaatadaptatiestrategieën voor lokale besturen en intercommunales: van beleidsplanning tot uitvoering op het terrein';

/** The share of pixels in the outer ring of the image that are not transparent. */
function render(svg: string): PNG {
  return PNG.sync.read(Buffer.from(new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng()));
}

describe('the generated badge', () => {
  it('is an accessible image: role="img" and a <title> that names the title, level and study load', () => {
    const svg = generatedBadgeSvg(facts('Data-analyse', { ects: 4.5 }));
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="badge-title"/);
    expect(svg).toContain(
      '<title id="badge-title">Badge van de micro-credential Data-analyse, Hogeschool Schelde, VKS-niveau 6, 4,5 ECTS</title>',
    );
    expect(generatedBadgeSvg(facts('Data analysis', { lang: 'en', ects: 4.5 }))).toContain(
      'Badge of the micro-credential Data analysis, Hogeschool Schelde, VKS level 6, 4.5 ECTS',
    );
  });

  it('wraps a long Dutch title within the seal and ends what does not fit with an ellipsis', () => {
    const svg = generatedBadgeSvg(facts(LONG_TITLE));
    const lines = [...svg.matchAll(/font-weight="700" fill="#ffffff"[^>]*>([^<]*)</g)].map((m) => m[1]!);
    expect(lines.length).toBeLessThanOrEqual(4);
    expect(lines.at(-1)).toMatch(/…$/);
    expect(lines.join(' ').replace(/-\s/g, '')).toContain('Toegepaste klimaatadaptatiestrat');
    // The whole title stays in the accessible name.
    expect(svg).toContain(LONG_TITLE);
    // Rendered, nothing is drawn outside the circle: the corners stay transparent.
    const png = render(svg);
    for (const [x, y] of [
      [2, 2],
      [png.width - 3, 2],
      [2, png.height - 3],
      [png.width - 3, png.height - 3],
    ])
      expect(png.data[(y! * png.width + x!) * 4 + 3]).toBe(0);
  });

  it('never gives a line longer than asked, nor more lines', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.integer({ min: 4, max: 30 }),
        fc.integer({ min: 1, max: 5 }),
        (text, chars, lines) => {
          const wrapped = wrapText(text, chars, lines);
          expect(wrapped.length).toBeLessThanOrEqual(lines);
          for (const line of wrapped) expect([...line].length).toBeLessThanOrEqual(chars);
        },
      ),
    );
    expect(wrapText('Duurzaam bouwen in de praktijk', 12, 2)).toEqual(['Duurzaam', 'bouwen in…']);
  });

  it('escapes the title and has one colour per institution, the same every time', () => {
    expect(generatedBadgeSvg(facts('R&D <met> "quotes"'))).toContain(
      'R&amp;D &lt;met&gt; &quot;quotes&quot;',
    );
    expect(badgeColours('hogeschool-schelde')).toEqual(badgeColours('hogeschool-schelde'));
    expect(badgeColours('hogeschool-schelde').base).not.toBe(badgeColours('universiteit-leie').base);
  });
});

describe('uploaded badge images', () => {
  it('accepts a plain SVG and a real PNG under the limit', () => {
    expect(badgeUploadProblem('image/svg+xml', read('plain-badge.svg'))).toBeUndefined();
    expect(badgeUploadProblem('image/png', read('plain-badge.png'))).toBeUndefined();
    expect(
      svgProblem('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><use href="#a"/></svg>'),
    ).toBeUndefined();
  });

  it('refuses scripts, event attributes and external references in an SVG, naming what it found', () => {
    const what = (svg: string) => {
      const problem = svgProblem(svg);
      return problem?.rule === 'badge-image-unsafe-svg' ? problem.params.what : problem?.rule;
    };
    expect(what(read('unsafe-script.svg').toString())).toBe('<script>');
    expect(what('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>')).toBe('onload=…');
    expect(what('<svg><image href="https://tracker.example/p.png"/></svg>')).toBe('href="…"');
    expect(what('<svg><image xlink:href="file:///etc/passwd"/></svg>')).toBe('href="…"');
    expect(what('<svg><rect style="fill:url(https://x.example/a)"/></svg>')).toBe('url(…)');
    expect(what('<svg><style>@import "https://x.example/a.css";</style></svg>')).toBe('@import');
    expect(what('<svg><foreignObject><div/></foreignObject></svg>')).toBe('<foreignObject>');
    expect(what('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>')).toBe('<!DOCTYPE>');
    expect(what('<svg><a href="javascript:alert(1)"><text>x</text></a></svg>')).toBe('javascript:');
    // Text that merely looks like an attribute is not one.
    expect(what('<svg><text>someone = iemand</text></svg>')).toBeUndefined();
  });

  it('refuses another type, a file that is not what it says and a file over the limit', () => {
    expect(badgeUploadProblem('image/jpeg', read('plain-badge.png'))?.rule).toBe('badge-image-type');
    expect(badgeUploadProblem('image/png', read('plain-badge.svg'))?.rule).toBe('badge-image-not-png');
    expect(badgeUploadProblem('image/svg+xml', read('plain-badge.png'))?.rule).toBe('badge-image-not-svg');
    expect(badgeUploadProblem('image/svg+xml', encode('<html></html>'))?.rule).toBe('badge-image-not-svg');
    const large = new Uint8Array(MAX_BADGE_UPLOAD_BYTES + 1);
    expect(badgeUploadProblem('image/png', large)).toEqual({
      rule: 'badge-image-too-large',
      params: { limit: MAX_BADGE_UPLOAD_BYTES, size: MAX_BADGE_UPLOAD_BYTES + 1 },
    });
  });

  it('round-trips through a data: URL, built in the browser and read on the server', () => {
    const bytes = new Uint8Array(read('plain-badge.png'));
    const url = badgeDataUrl({ mediaType: 'image/png', bytes });
    expect(url.startsWith('data:image/png;base64,iVBOR')).toBe(true);
    expect(parseBadgeDataUrl(url)).toEqual({ mediaType: 'image/png', bytes });
    expect(parseBadgeDataUrl('data:text/html;base64,PGI+')).toBeUndefined();
  });
});

describe('uploaded SVGs that hide what they do', () => {
  const what = (svg: string) => {
    const problem = svgProblem(svg);
    return problem?.rule === 'badge-image-unsafe-svg' ? problem.params.what : problem?.rule;
  };
  const svg = (body: string, attributes = '') =>
    `<svg xmlns="http://www.w3.org/2000/svg"${attributes}>${body}</svg>`;

  it('are read after character references are decoded', () => {
    expect(what(svg('<a href="jav&#97;script:alert(1)"><text>x</text></a>'))).toBe('javascript:');
    expect(what(svg('<a href="&#x6A;avascript&#58;alert(1)"><text>x</text></a>'))).toBe('javascript:');
    expect(what(svg('<image href="java&#9;script:alert(1)"/>'))).toBe('javascript:');
    expect(what(svg('<image href="&#104;ttps://tracker.example/p.png"/>'))).toBe('href="…"');
  });

  it('may not animate: set and animate… are refused, whatever they point to', () => {
    expect(
      what(svg('<a id="l"><text>x</text><set attributeName="href" to="jav&#97;script:alert(1)"/></a>')),
    ).toBe('javascript:');
    expect(what(svg('<set attributeName="fill" to="red"/>'))).toBe('<set>');
    expect(what(svg('<rect><animate attributeName="x" values="0;10"/></rect>'))).toBe('<animate>');
    expect(what(svg('<animateTransform attributeName="transform"/>'))).toBe('<animateTransform>');
  });

  it('may hold only SVG elements: HTML under another prefix or namespace is refused', () => {
    expect(what(svg('<h:script>alert(1)</h:script>', ' xmlns:h="http://www.w3.org/1999/xhtml"'))).toMatch(
      /^xmlns:h=/,
    );
    expect(what(svg('<s:script>alert(1)</s:script>', ' xmlns:s="http://www.w3.org/2000/svg"'))).toBe(
      '<script>',
    );
    expect(what(svg('<g xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></g>'))).toMatch(
      /^xmlns=/,
    );
    expect(what(svg('<iframe src="https://x.example"/>'))).toBe('href="…"');
    expect(what(svg('<marquee>x</marquee>'))).toBe('<marquee>');
  });

  it('may not escape, import or load in CSS', () => {
    expect(what(svg('<style>rect { fill: \\75rl(https://x.example/a) }</style>'))).toBe('\\ (CSS escape)');
    expect(what(svg('<style>@\\69mport "https://x.example/a.css";</style>'))).toBe('\\ (CSS escape)');
    expect(what(svg('<style><![CDATA[rect { fill: url(https://x.example/a) }]]></style>'))).toBe('url(…)');
    expect(what(svg('<style>@im&#112;ort "https://x.example/a.css";</style>'))).toBe('@import');
    expect(what(svg('<rect fill="url(https://x.example/a)"/>'))).toBe('url(…)');
    expect(what(svg('<rect style="fill:\\75rl(https://x.example/a)"/>'))).toBe('\\ (CSS escape)');
  });

  it('keeps accepting what badge designers export: gradients, fragment links, metadata and CSS without escapes', () => {
    expect(
      what(
        svg(
          '<defs><linearGradient id="g"><stop offset="0" stop-color="#123"/></linearGradient></defs>' +
            '<style>.a { fill: url(#g); font-weight: 700 }</style><rect class="a" fill="url(#g)" width="4" height="4"/>' +
            '<metadata><rdf:RDF><cc:Work/></rdf:RDF></metadata><use xlink:href="#g"/><text>R&amp;D &#233;</text>',
          ' xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#"',
        ),
      ),
    ).toBeUndefined();
    expect(
      svgProblem(
        generatedBadgeSvg({
          title: 'R&D <x>',
          vksLevel: 5,
          ects: 3,
          institutionName: 'A & B',
          institutionSlug: 'a',
          lang: 'nl',
        }),
      ),
    ).toBeUndefined();
  });
});

describe('uploaded PNGs', () => {
  it('are read chunk by chunk: a damaged CRC or a PNG cut short is refused', () => {
    const good = new Uint8Array(read('plain-badge.png'));
    const damaged = good.slice();
    damaged[40] = damaged[40]! ^ 0xff; // inside the first IDAT chunk's data
    expect(badgeUploadProblem('image/png', damaged)?.rule).toBe('badge-image-not-png');
    expect(badgeUploadProblem('image/png', good.subarray(0, good.length - 20))?.rule).toBe(
      'badge-image-not-png',
    );
    expect(badgeUploadProblem('image/png', good)).toBeUndefined();
  });
});

describe('the achievement’s image in the credential', () => {
  const PUBLIC_URL = 'https://stapel.test';
  const withBadge = () => {
    const credential = stapelCredential();
    const subject = credential.credentialSubject as { achievement: Record<string, unknown> };
    return { credential, achievement: subject.achievement };
  };

  it('is an OB 3.0 Image at /achievements/<version id>/image with a caption, valid under the OB 3.0 schema', () => {
    const built = buildOpenBadgeCredential({
      id: `${PUBLIC_URL}/credentials/1`,
      publicUrl: PUBLIC_URL,
      issuer: {
        id: 'did:web:stapel.test:institutions:hogeschool-schelde',
        name: 'Hogeschool Schelde',
        url: 'https://schelde.example',
        address: { region: 'Vlaanderen', country: 'BE' },
      },
      achievement: {
        id: `${PUBLIC_URL}/a/1`,
        kind: 'micro-credential-certificate',
        form: 'regular',
        title: { nl: 'Data-analyse' },
        ects: 3,
        vksLevel: 6,
        language: 'nl',
        learningOutcomes: [{ nl: 'Analyseert data.' }],
        qaType: 'internal-and-external',
        version: 1,
        badgeImageUrl: badgeImageUrl(PUBLIC_URL, 'b1e5a8f0-0000-4000-8000-000000000001'),
      },
      learner: { email: 'a@example.org', salt: 'x' },
      passMark: 10,
      issuedAt: '2026-06-30T12:00:00Z',
      status: { listUrl: `${PUBLIC_URL}/status-lists/1`, index: 1 },
    });
    const achievement = (built.credentialSubject as { achievement: Record<string, unknown> }).achievement;
    expect(achievement.image).toEqual({
      id: badgeImageUrl(PUBLIC_URL, 'b1e5a8f0-0000-4000-8000-000000000001'),
      type: 'Image',
      caption: 'Badge van de micro-credential Data-analyse',
    });
    expect(validateOpenBadgeSchema(built)).toEqual([]);
  });

  it('is covered by the signature and verifies (its terms are defined by the OB 3.0 context)', async () => {
    const world = await createWorld();
    await world.publishStatusList();
    const { credential, achievement } = withBadge();
    achievement.image = { id: badgeImageUrl(PUBLIC_URL, 'v1'), type: 'Image', caption: 'Badge' };
    const result = await world.verify(await world.sign(credential));
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.verified).toBe(true);
  });
});
