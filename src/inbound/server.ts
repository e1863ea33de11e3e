import { runProcess } from '../process';
import { startInboundServer } from './listener';

/**
 * Inbound mail entry point: agencies' answers by e-mail and delivery-failure
 * reports, on INBOUND_SMTP_PORT. On SIGTERM it stops accepting, lets sessions in
 * flight finish (a few seconds at most), then closes its connections.
 */
runProcess({ name: 'inbound smtp', stopping: 'finishing sessions', graceMs: 10_000 }, (deps) =>
  startInboundServer(deps, deps.config.INBOUND_SMTP_PORT),
);
