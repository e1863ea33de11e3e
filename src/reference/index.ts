/** The public entry of src/reference/: what other features may use of it. */
export { inForce, inForceFilter } from './reform';
