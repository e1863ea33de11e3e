/** The public entry of src/topics/: what other features may use of it. */
export { risingTest } from './stats';
