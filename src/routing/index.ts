/** The public entry of src/routing/: what other features may use of it. */
export { openAssignment, routeSubmission } from './service';
