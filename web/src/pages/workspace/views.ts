// The views behind sign-in, loaded once someone has signed in (main.ts), so the sign-in page
// runs only what it needs on a slow phone.
export { showAccount } from './account.ts';
export { showAudit, showStaff } from './admin.ts';
export { showExactStats } from './exact-stats.ts';
export { showInbox } from './inbox.ts';
export { showIntake } from './intake.ts';
