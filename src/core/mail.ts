import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { AfterCommit, Db, Tx } from './database.ts';
import { nowIso } from './database.ts';

export interface MailMessage {
  to: string;
  subject: string;
  body: string;
  institutionId?: string | null | undefined;
}

export interface MailSettings {
  /** smtp(s)://user:pass@host:port; without it messages stay in the outbox for administrators to read. */
  smtpUrl: string | undefined;
  from: string;
}

/**
 * Queues a message in the outbox inside the caller's transaction, and after commit hands it to SMTP when
 * configured. A rolled-back change sends nothing; a failed delivery stays in the outbox with its error.
 *
 * @example
 * await queueMail(tx, afterCommit, database.db, mail, { to, subject, body });
 */
export async function queueMail(
  tx: Tx,
  afterCommit: AfterCommit,
  db: Db,
  settings: MailSettings,
  message: MailMessage,
): Promise<string> {
  const id = randomUUID();
  await tx
    .insertInto('outbox')
    .values({
      id,
      institution_id: message.institutionId ?? null,
      recipient: message.to,
      subject: message.subject,
      body: message.body,
      created_at: nowIso(),
      sent_at: null,
      error: null,
    })
    .execute();
  if (settings.smtpUrl) {
    const smtpUrl = settings.smtpUrl;
    afterCommit(async () => {
      try {
        await transport(smtpUrl).sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          text: message.body,
        });
        await db.updateTable('outbox').set({ sent_at: nowIso() }).where('id', '=', id).execute();
      } catch (error) {
        await db
          .updateTable('outbox')
          .set({ error: (error as Error).message })
          .where('id', '=', id)
          .execute();
      }
    });
  }
  return id;
}

const transports = new Map<string, nodemailer.Transporter>();
function transport(url: string): nodemailer.Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}
