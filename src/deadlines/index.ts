/** The public entry of src/deadlines/: what other features may use of it. */
export { pauseDeadline, resumeDeadline } from './pause';
export { acknowledgeDueAt, answerDueAt, reminderHorizon } from './rules';
