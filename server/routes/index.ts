import { Hono } from 'hono';
import type { CollabServer } from '../collab/server.js';
import type { AppEnv, Deps } from '../env.js';
import { decisionRoutes } from './decisions.js';
import { dialogueRoutes } from './dialogue.js';
import { discussionRoutes } from './discussion.js';
import { documentRoutes } from './documents.js';
import { healthRoutes } from './health.js';
import { invitationRoutes } from './invitations.js';
import { partyRoutes, userRoutes } from './parties.js';
import { planRoutes } from './plan.js';
import { publicationRoutes } from './publications.js';
import { sessionRoutes } from './session.js';
import { workspaceRoutes } from './workspace.js';

/** Every /api sub-app, chained so `AppType` carries their types to the client. */
export function apiRoutes(deps: Deps, collab: Pick<CollabServer, 'documentJson' | 'documentText'>) {
  return new Hono<AppEnv>()
    .route('/health', healthRoutes(deps))
    .route('/', sessionRoutes(deps))
    .route('/', workspaceRoutes(deps))
    .route('/documents', documentRoutes(deps))
    .route('/', planRoutes(deps))
    .route('/', decisionRoutes(deps))
    .route('/', dialogueRoutes(deps))
    .route('/', discussionRoutes(deps))
    .route('/', publicationRoutes(deps, collab))
    .route('/parties', partyRoutes(deps))
    .route('/users', userRoutes(deps))
    .route('/invitations', invitationRoutes(deps));
}

export type AppType = ReturnType<typeof apiRoutes>;
