import type { User } from '../db/database.js';

/** Who performs a command: the id goes into the audit entry, the admin flag into the rules. */
export type Actor = Pick<User, 'id' | 'is_admin'>;
