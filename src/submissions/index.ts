/** The public entry of src/submissions/: what other features may use of it. */
export { cleanContact, submit } from './intake';
export { trackingPage } from './pages';
export { residentKeyMatches, residentPageUrl } from './resident-key';
export { submitter } from './schemas';
export { getTracking } from './tracking';
export { canonicalTrackingCode, newTrackingCode } from './tracking-code';
