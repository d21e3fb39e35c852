import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES, MESSAGE_TABLES } from '../../src/messages.ts';
import { MessageCatalogue } from '../../src/core/messages.ts';
import { LANGS } from '../../src/core/i18n.ts';

const root = path.resolve(import.meta.dirname, '../..');
const src = path.join(root, 'src');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.ts$/.test(entry.name) ? [full] : [];
  });
}

// Every parameter a template might read, so that a template never prints "undefined".
const PARAMS = new Proxy({} as Record<string, string>, {
  get: (_target, name) => (typeof name === 'string' ? `<${name}>` : undefined),
  has: () => true,
  ownKeys: () => [],
});

/** The text of the call that starts at `start` (an opening parenthesis), up to its matching close. */
function callText(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

const ERROR_CALL =
  /\b(?:new (ConflictError|ForbiddenError|NotFoundError|UnauthorizedError|ValidationError|StapelError)|refuse|refuseBrokenRules)\(/g;

/** Every refusal the code builds: the error's constructor or `refuse(…)` call, with its text. */
function errorCalls(): Array<{ file: string; kind: string; call: string }> {
  const found: Array<{ file: string; kind: string; call: string }> = [];
  for (const file of filesUnder(src)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(ERROR_CALL)) {
      const call = callText(text, match.index + match[0].length - 1);
      found.push({ file: path.relative(root, file), kind: match[1] ?? 'refuse', call });
    }
  }
  return found;
}

/** The message keys refusals name: `key: '…'` and `rule: '…'` inside them. */
function keysInSource(): Array<{ file: string; key: string }> {
  return errorCalls().flatMap(({ file, call }) =>
    [...call.matchAll(/\b(?:key|rule):\s*'([a-z0-9-]+)'/g)].map((m) => ({ file, key: m[1]! })),
  );
}

/**
 * Errors thrown with words of their own but no key: those words are English only. Listed as
 * `file: Error("first words…")`.
 */
function englishOnlyErrors(): string[] {
  return errorCalls()
    .filter(
      ({ kind, call }) => kind !== 'refuse' && /['`"][A-Z][^'`"]*\s/.test(call) && !/\bkey\b/.test(call),
    )
    .map(({ file, kind, call }) => `${file}: ${kind}${call.slice(0, 60).replace(/\s+/g, ' ')}`);
}

describe('message tables', () => {
  it('compose without two different texts for one key', () => {
    expect(() => new MessageCatalogue(MESSAGE_TABLES)).not.toThrow();
  });

  it('say every message in Dutch and in English, and the Dutch one is not the English one', () => {
    const missing: string[] = [];
    for (const key of MESSAGES.keys()) {
      const texts = LANGS.map((lang) => MESSAGES.render(key, lang, PARAMS) ?? '');
      for (const [i, text] of texts.entries()) {
        if (!text.trim() || text.includes('undefined')) missing.push(`${key} (${LANGS[i]})`);
      }
      // Codes, formats and names may read the same in both languages; sentences may not.
      const [nl, en] = texts;
      if (nl === en && (nl ?? '').split(' ').length > 3)
        missing.push(`${key}: the Dutch text is the English one`);
    }
    expect(missing).toEqual([]);
  });

  it('have an entry for every message key the code refers to', () => {
    const unknown = keysInSource().filter(({ key }) => !MESSAGES.has(key));
    expect(unknown).toEqual([]);
  });

  it('leave no refusal in English only: every error with words of its own names its message key', () => {
    expect(englishOnlyErrors()).toEqual([]);
  });
});
