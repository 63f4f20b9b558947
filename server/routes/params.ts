import { z } from 'zod';

/** `:id` in a path, whether the route's own or its mount's (`/documents/:id/stages`). */
export const idParam = z.object({ id: z.string().min(1).max(100) });
