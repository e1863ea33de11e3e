/** The public entry of src/triage/: what other features may use of it. */
export { findInScope, officerActor } from './access';
export { type Who, assign, withdrawAssignment } from './actions';
export { shingles, similarity } from './duplicates';
export { inboxEntry } from './projection';
export { who } from './routes';
