export { journalOptions, buildJournal, NAMESPACE, LISTEN_ENV, type Journal } from './app.js';
export { applyPortEnv, JOURNAL_FLAGS } from './config.js';
export { JournalStore } from './store/journal-store.js';
export { MIGRATIONS, migrate, type Migration } from './store/migrations.js';
export { parseWebhookPayload, type WebhookPayload } from './webhook/payload.js';
export { openApiDocument } from './api/openapi.js';
