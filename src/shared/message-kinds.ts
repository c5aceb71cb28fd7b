// The kinds of sealed message about a report. Plain data, so the database schema can import it
// without the crypto.
/**
 * Sealed messages about a report: an organisation's notes (sealed to its own key), replies
 * (sealed to the reporter's reply key), a copy of each reply (sealed to the organisation) and
 * information the reporter adds later (sealed to the organisation). The one list of them: the
 * database, the API and the workspace import it.
 */
export const MESSAGE_KINDS = ['note', 'reply', 'reply_copy', 'addition'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
