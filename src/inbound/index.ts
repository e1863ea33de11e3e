/** The public entry of src/inbound/: what other features may use of it. */
export { inboundAddress } from './address';
