/** What other features use of the officers': guards, scope, the page header, accounts. */
export { guard, guardedRoutes, type GuardedRoute, type OfficerRequest } from './access';
export { csrfToken } from './auth';
export { officerNav } from './pages';
export * from './scope';
export { createOfficer } from './service';
