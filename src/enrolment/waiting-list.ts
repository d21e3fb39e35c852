import type { Actor } from '../core/actor.ts';
import { localizedText } from '../catalogue/rows.ts';
import { audit } from '../core/audit.ts';
import type { Command } from '../core/command.ts';
import { nowIso } from '../core/database.ts';
import type { EditionRow } from '../core/schema.ts';
import { mailLearner, placeFreedMail } from './mail.ts';
import { toPromote, waitlistMoves } from './rules.ts';
import { heldPlaces, waitlistOf } from './views.ts';

// The waiting list acts on its own when a place frees: its moves are recorded under this name, not under
// the person whose change freed the place.
const WAITING_LIST: Actor = { kind: 'system', label: 'waiting list' };

/** What moving the waiting list up needs to know of the edition. */
export type WaitlistEdition = Pick<
  EditionRow,
  'id' | 'institution_id' | 'code' | 'capacity' | 'starts_on' | 'price_cents'
>;

/**
 * Fills free places from the waiting list, longest-waiting first, until the edition starts. Each move is
 * a state change of its own: one audit record and one e-mail per learner, in the command's transaction.
 *
 * @example
 * if (holdsPlace(status)) await moveWaitlistUp(cmd, edition);
 */
export async function moveWaitlistUp(
  cmd: Command,
  edition: WaitlistEdition,
  now = new Date(),
): Promise<void> {
  const { tx } = cmd;
  if (!waitlistMoves(now, edition.starts_on)) return;
  const promoted = toPromote(
    edition.capacity,
    await heldPlaces(tx, edition.id),
    await waitlistOf(tx, edition.id),
  );
  if (promoted.length === 0) return;
  const version = await tx
    .selectFrom('editions as e')
    .innerJoin('micro_credential_versions as v', 'v.id', 'e.micro_credential_version_id')
    .select(['v.title_nl', 'v.title_en'])
    .where('e.id', '=', edition.id)
    .executeTakeFirstOrThrow();
  const title = localizedText(version.title_nl, version.title_en);
  for (const entry of promoted) {
    await tx
      .updateTable('enrolments')
      .set({ status: 'pending', waitlist_since: null, updated_at: nowIso() })
      .where('id', '=', entry.id)
      .execute();
    await audit(tx, WAITING_LIST, {
      action: 'enrolment.promote',
      objectType: 'enrolment',
      objectId: entry.id,
      institutionId: edition.institution_id,
      before: { status: 'waitlisted', waitlistSince: entry.waitlistSince },
      after: { status: 'pending' },
    });
    await mailLearner(cmd, { userId: entry.userId, institutionId: edition.institution_id }, (learnerName) =>
      placeFreedMail({ learnerName, editionCode: edition.code, title }),
    );
  }
}
