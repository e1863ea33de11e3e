/** The public entry of src/dispatch/: what other features may use of it. */
export { type Handled } from './process';
