import type { LocalizedText } from '../catalogue/rules.ts';
import type { Command } from '../core/command.ts';

/**
 * The e-mails enrolment sends a learner. Each is written in Dutch and English in one message (the learner's
 * language is not known to the outbox): the Dutch text first, then the English. Callers queue them with
 * `cmd.mail.send`, so they leave only after the change commits.
 */

export interface MailText {
  subject: string;
  body: string;
}

interface Bilingual {
  nl: string;
  en: string;
}

/** What every enrolment e-mail names: the learner, and the edition with its micro-credential's title. */
export interface EnrolmentMailFacts {
  learnerName: string;
  editionCode: string;
  title: LocalizedText;
}

export interface DecisionMailFacts extends EnrolmentMailFacts {
  decision: 'accept' | 'refuse';
  startsOn: string;
  amountDueCents: number;
  /** The reason of a refusal, or a note with an acceptance. */
  reason: string | null;
}

function compose(facts: EnrolmentMailFacts, subject: Bilingual, body: Bilingual): MailText {
  return {
    subject: `${subject.nl} — ${subject.en}: ${facts.editionCode}`,
    body: `Dag ${facts.learnerName},\n\n${body.nl}\n\n${body.en}`,
  };
}

const titled = (facts: EnrolmentMailFacts): Bilingual => ({
  nl: `${facts.title.nl} (${facts.editionCode})`,
  en: `${facts.title.en ?? facts.title.nl} (${facts.editionCode})`,
});

const euro = (cents: number) => `€${(cents / 100).toFixed(2)}`;

/**
 * The learner hears that staff accepted (with an optional note) or refused (with the reason) their enrolment.
 *
 * @example
 * await cmd.mail.send({ to, institutionId, ...decisionMail({ decision: 'refuse', reason: 'Full', ...facts }) });
 */
export function decisionMail(facts: DecisionMailFacts): MailText {
  const title = titled(facts);
  const reason = facts.reason;
  if (facts.decision === 'refuse') {
    return compose(
      facts,
      { nl: 'Inschrijving geweigerd', en: 'Enrolment refused' },
      {
        nl: `Je inschrijving voor ${title.nl} is geweigerd.\nReden: ${reason}`,
        en: `Your enrolment in ${title.en} has been refused.\nReason: ${reason}`,
      },
    );
  }
  const amount = euro(facts.amountDueCents);
  return compose(
    facts,
    { nl: 'Inschrijving aanvaard', en: 'Enrolment accepted' },
    {
      nl:
        `Je inschrijving voor ${title.nl} is aanvaard. De editie start op ${facts.startsOn}. Te betalen: ${amount}.` +
        (reason ? `\nOpmerking: ${reason}` : ''),
      en:
        `Your enrolment in ${title.en} has been accepted. The edition starts on ${facts.startsOn}. Amount due: ${amount}.` +
        (reason ? `\nNote: ${reason}` : ''),
    },
  );
}

/**
 * A learner moved up from the waiting list: their enrolment now awaits the institution's decision.
 *
 * @example
 * await cmd.mail.send({ to, institutionId, ...placeFreedMail({ learnerName, editionCode, title }) });
 */
export function placeFreedMail(facts: EnrolmentMailFacts): MailText {
  const title = titled(facts);
  return compose(
    facts,
    { nl: 'Plaats vrijgekomen', en: 'A place came free' },
    {
      nl: `Er is een plaats vrijgekomen in ${title.nl}. Je staat niet langer op de wachtlijst: je inschrijving wacht nu op de beslissing van de instelling.`,
      en: `A place came free in ${title.en}. You are no longer on the waiting list: your enrolment now awaits the institution's decision.`,
    },
  );
}

/**
 * Queues an e-mail to a learner in the command's outbox (it leaves after commit), written for their name.
 *
 * @example
 * await mailLearner(cmd, { userId, institutionId }, (learnerName) => placeFreedMail({ learnerName, editionCode, title }));
 */
export async function mailLearner(
  cmd: Command,
  to: { userId: string; institutionId: string },
  write: (learnerName: string) => MailText,
): Promise<void> {
  const learner = await cmd.tx
    .selectFrom('users')
    .select(['email', 'name'])
    .where('id', '=', to.userId)
    .executeTakeFirstOrThrow();
  await cmd.mail.send({ to: learner.email, institutionId: to.institutionId, ...write(learner.name) });
}
