import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_CDATA_SECTIONS,
  MalformedImageError,
  OPEN_BADGES_NAMESPACE,
  PNG_KEYWORD,
  bakePng,
  bakeSvg,
  readPngChunks,
  unbakePng,
  unbakeSvg,
} from '../../src/credentials/baking.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/badges');
const png = new Uint8Array(fs.readFileSync(path.join(fixtures, 'plain-badge.png')));
const svg = fs.readFileSync(path.join(fixtures, 'plain-badge.svg'), 'utf8');
const credential = fs.readFileSync(path.join(fixtures, 'credential.json'), 'utf8');

/** Texts a credential may be: any JSON (unicode, "]]>" and all) or a compact JWT. */
const credentialText = fc.oneof(
  fc.json(),
  fc.string({ unit: 'binary' }).map((s) => JSON.stringify({ '@context': s, name: `${s}]]>${s}` })),
  fc
    .tuple(fc.base64String(), fc.base64String(), fc.base64String())
    .map((parts) => parts.map((p) => p.replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_')).join('.')),
);

describe('PNG baking', () => {
  it('writes exactly one uncompressed iTXt openbadgecredential chunk just before IEND', () => {
    const baked = bakePng(png, credential);
    const chunks = readPngChunks(baked);
    const carriers = chunks.filter((c) => c.type === 'iTXt');
    expect(carriers).toHaveLength(1);
    expect(chunks.at(-2)?.type).toBe('iTXt');
    expect(chunks.at(-1)?.type).toBe('IEND');
    const data = carriers[0]!.data;
    const head = `${PNG_KEYWORD}\0\0\0\0\0`;
    expect(String.fromCharCode(...data.subarray(0, head.length))).toBe(head);
    expect(new TextDecoder().decode(data.subarray(head.length))).toBe(credential);
    // Every other chunk is kept as it was.
    expect(chunks.filter((c) => c.type !== 'iTXt')).toEqual(readPngChunks(png));
  });

  it('gives back exactly what was baked, and a second bake replaces the first', () => {
    fc.assert(
      fc.property(credentialText, credentialText, (first, second) => {
        const once = bakePng(png, first);
        expect(unbakePng(once)).toBe(first);
        const twice = bakePng(once, second);
        expect(unbakePng(twice)).toBe(second);
        expect(readPngChunks(twice).filter((c) => c.type === 'iTXt')).toHaveLength(1);
      }),
      { numRuns: 60 },
    );
  });

  it('finds no credential in a plain PNG', () => {
    expect(unbakePng(png)).toBeUndefined();
  });

  it('refuses bytes that are not a PNG, a cut-off PNG and a damaged chunk, saying which', () => {
    const reason = (bytes: Uint8Array) => {
      try {
        unbakePng(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(MalformedImageError);
        return (error as MalformedImageError).reason;
      }
      return 'read';
    };
    expect(reason(new TextEncoder().encode('{"not":"png"}'))).toBe('not-png');
    expect(reason(png.subarray(0, png.length - 20))).toBe('truncated');
    const damaged = png.slice();
    const inside = png.length - 100; // within the image data, past every header
    damaged[inside] = damaged[inside]! ^ 0xff;
    expect(reason(damaged)).toBe('bad-crc');
    expect(() => bakePng(damaged, credential)).toThrow(MalformedImageError);
  });
});

describe('SVG baking', () => {
  it('declares the namespace on the root and puts the credential in CDATA as its first child', () => {
    const baked = bakeSvg(svg, credential);
    expect(baked).toMatch(new RegExp(`^<svg [^>]*xmlns:openbadges="${OPEN_BADGES_NAMESPACE}"[^>]*>`));
    expect(baked).toMatch(/^<svg[^>]*><openbadges:credential><!\[CDATA\[\{/);
    expect(unbakeSvg(baked)).toBe(credential);
  });

  it('splits a "]]>" in the credential across CDATA sections', () => {
    const text = JSON.stringify({ name: 'a]]>b' });
    const baked = bakeSvg(svg, text);
    expect(baked).toContain('a]]]]><![CDATA[>b');
    expect(unbakeSvg(baked)).toBe(text);
  });

  it('gives back exactly what was baked, and a second bake replaces the first', () => {
    fc.assert(
      fc.property(credentialText, credentialText, (first, second) => {
        const once = bakeSvg(svg, first);
        expect(unbakeSvg(once)).toBe(first);
        const twice = bakeSvg(once, second);
        expect(unbakeSvg(twice)).toBe(second);
        expect(twice.match(/<openbadges:credential/g)).toHaveLength(1);
        expect(twice.match(/xmlns:openbadges=/g)).toHaveLength(1);
      }),
      { numRuns: 60 },
    );
  });

  it('puts a compact JWT in the verify attribute', () => {
    const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2lnbmF0dXJl';
    const baked = bakeSvg(svg, jwt);
    expect(baked).toContain(`<openbadges:credential verify="${jwt}"></openbadges:credential>`);
    expect(unbakeSvg(baked)).toBe(jwt);
  });

  it('keeps an XML prolog and opens a self-closing root', () => {
    const baked = bakeSvg('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', credential);
    expect(baked.startsWith('<?xml version="1.0"?>\n<svg ')).toBe(true);
    expect(baked.endsWith('</openbadges:credential></svg>')).toBe(true);
    expect(unbakeSvg(baked)).toBe(credential);
  });

  it('finds no credential in a plain SVG and refuses text without an <svg> root', () => {
    expect(unbakeSvg(svg)).toBeUndefined();
    expect(() => unbakeSvg('<html><svg></svg></html>')).toThrow(MalformedImageError);
    expect(() => bakeSvg('{"a":1}', credential)).toThrow(MalformedImageError);
  });
});

describe('an SVG built to make the reader work', () => {
  const element = (body: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OPEN_BADGES_NAMESPACE}"><openbadges:credential>${body}</openbadges:credential></svg>`;

  it('is refused past a bounded number of CDATA sections, without reading them all', () => {
    const hostile = element('<![CDATA[]]>'.repeat(80_000));
    expect(() => unbakeSvg(hostile)).toThrow(MalformedImageError);
    try {
      unbakeSvg(hostile);
    } catch (error) {
      expect((error as MalformedImageError).reason).toBe('bad-credential-chunk');
      expect((error as Error).message).toContain(`more than ${MAX_CDATA_SECTIONS} CDATA sections`);
    }
  });

  it('still reads a credential split over as many sections as the bound allows, end tag in its text', () => {
    const parts = Array.from({ length: MAX_CDATA_SECTIONS }, (_, i) =>
      i === 1 ? '</openbadges:credential>' : `${i}`,
    );
    const text = parts.join('');
    expect(unbakeSvg(element(parts.map((p) => `<![CDATA[${p}]]>`).join('')))).toBe(text);
  });
});
