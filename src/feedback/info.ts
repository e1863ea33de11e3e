import type { Deps } from '../deps';
import { resumeDeadline } from '../deadlines';
import { fail } from '../platform/domain-errors';
import { normalizeText } from '../platform/text';
import type { Submission } from '../submissions/model';

/**
 * The resident answers the agency's question: the petition goes back to the
 * agency (`awaiting_resident → in_progress`), its deadline resumes (extended by
 * the working days it waited), and the agency gets the information by e-mail.
 */
export async function supplyInformation(
  deps: Deps,
  s: Submission,
  input: { text: string },
): Promise<Submission> {
  if (s.status !== 'awaiting_resident')
    throw fail.because('not-awaiting', `The status is ${s.status}.`);
  const text = normalizeText(input.text);
  const updated = await deps.lifecycle.transition(s._id, {
    from: 'awaiting_resident',
    to: 'in_progress',
    actor: { kind: 'resident' },
    action: 'resident.supplied',
    note: text,
    notifyAgency: true,
  });
  if (!updated) throw fail.because('changed-meanwhile', 'The petition changed meanwhile');
  if (updated.currentAssignmentId) await resumeDeadline(deps, updated.currentAssignmentId);
  return updated;
}
