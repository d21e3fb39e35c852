import type { Lang } from './i18n.ts';
import type { MessageParams } from './errors.ts';

/** One message in both languages: a text, or a function of the message's parameters. */
export interface Message {
  nl: string | ((p: MessageParams) => string);
  en: string | ((p: MessageParams) => string);
}

/** A domain's messages by key; refusal keys are the rule ids and error keys its errors carry. */
export type MessageTable = Readonly<Record<string, Message>>;

/**
 * Declares a domain's table, keeping its keys as a type.
 *
 * @example export const ENROLMENT_MESSAGES = defineMessages({ 'already-enrolled': { nl: '…', en: '…' } });
 */
export function defineMessages<K extends string>(table: Record<K, Message>): Readonly<Record<K, Message>> {
  return table;
}

/**
 * All message tables of the installation, composed once (see `src/messages.ts`): the HTTP layer and the CLI
 * render every refusal from here in the reader's language.
 */
export class MessageCatalogue {
  private readonly entries = new Map<string, Message>();

  constructor(tables: readonly MessageTable[]) {
    for (const table of tables) {
      for (const [key, message] of Object.entries(table)) {
        const known = this.entries.get(key);
        // Two domains may share a key only when they say the same thing.
        if (known && render(known, 'en', {}) !== render(message, 'en', {}))
          throw new Error(`Message "${key}" is defined twice with different texts.`);
        this.entries.set(key, message);
      }
    }
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** The message for `key` in `lang`, or `undefined` when no table has it. */
  render(key: string, lang: Lang, params: MessageParams = {}): string | undefined {
    const message = this.entries.get(key);
    return message ? render(message, lang, params) : undefined;
  }
}

/**
 * One message in `lang`: its text, or its template applied to `params` (English if the template fails).
 *
 * @example renderMessage({ nl: (p) => `${p.n} fouten`, en: (p) => `${p.n} errors` }, 'nl', { n: 2 }); // '2 fouten'
 */
export function renderMessage(message: Message, lang: Lang, params: MessageParams = {}): string {
  return render(message, lang, params);
}

/** Renders one message of a domain's table in a language (see `messageRenderer`). */
export type MessageRenderer<K extends string> = (key: K, lang: Lang, params?: MessageParams) => string;

/**
 * The renderer of one domain's table, for what the domain says besides its refusals (answers, mail, the
 * CLI's English, tests); a key the table lacks comes back as the key itself, which the message tests catch.
 *
 * @example
 * export const accountMessage = messageRenderer(ACCOUNT_MESSAGES);
 * accountMessage('password-too-short', 'nl', { min: 10 }); // 'Kies een wachtwoord van minstens 10 tekens.'
 */
export function messageRenderer<K extends string>(table: Readonly<Record<K, Message>>): MessageRenderer<K> {
  return (key, lang, params = {}) => {
    const message: Message | undefined = table[key];
    return message ? render(message, lang, params) : key;
  };
}

function render(message: Message, lang: Lang, params: MessageParams): string {
  const template = message[lang];
  try {
    return typeof template === 'function' ? template(params) : template;
  } catch {
    // A template given the wrong parameters must not turn a refusal into a 500.
    return typeof message.en === 'string' ? message.en : '';
  }
}
