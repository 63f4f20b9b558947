import { Hono } from 'hono';
import type { CollabServer } from '../collab/server.js';
import type { AppEnv, Deps } from '../env.js';
import { partyBodyRoutes } from './bodies.js';
import { checkpointRoutes, documentCheckpointRoutes } from './checkpoints.js';
import { commentRoutes, documentCommentRoutes } from './comments.js';
import { documentCostShareRoutes } from './cost-shares.js';
import { decisionRoutes, documentDecisionRoutes } from './decisions.js';
import { documentRoutes } from './documents.js';
import { documentFeedbackRoutes, feedbackRoutes } from './feedback.js';
import { healthRoutes } from './health.js';
import { invitationRoutes } from './invitations.js';
import { meetingRoutes, roundMeetingRoutes } from './meetings.js';
import { partyMemberRoutes } from './memberships.js';
import { partyRoutes } from './parties.js';
import { partyInvitationRoutes } from './party-invitations.js';
import { preconditionRoutes, stagePreconditionRoutes } from './preconditions.js';
import { documentPublicationRoutes, publicationRoutes } from './publications.js';
import { documentResourceRoutes, resourceRoutes } from './resources.js';
import { documentRoundRoutes, roundRoutes } from './rounds.js';
import { sessionRoutes } from './session.js';
import { documentStageRoutes, stageRoutes } from './stages.js';
import { documentTimelineRoutes } from './timeline.js';
import { userRoutes } from './users.js';
import { workspaceRoutes } from './workspace.js';

/*
 * Every /api sub-app, each mounted under its resource's prefix and found in the file
 * named for that resource. A resource that lives inside another (a document's stages,
 * a party's members) is mounted under its owner's path too, from the same file.
 * Chained, so `AppType` carries their types to the client.
 */
export function apiRoutes(deps: Deps, collab: Pick<CollabServer, 'documentJson' | 'documentText'>) {
  return new Hono<AppEnv>()
    .route('/health', healthRoutes(deps))
    // /session, /me, /setup and /dashboard, /example: moved to their own prefixes after the auth merge.
    .route('/', sessionRoutes(deps))
    .route('/', workspaceRoutes(deps))
    .route('/documents', documentRoutes(deps))
    .route('/documents/:id/stages', documentStageRoutes(deps))
    .route('/documents/:id/checkpoints', documentCheckpointRoutes(deps))
    .route('/documents/:id/decisions', documentDecisionRoutes(deps))
    .route('/documents/:id/rounds', documentRoundRoutes(deps))
    .route('/documents/:id/feedback', documentFeedbackRoutes(deps))
    .route('/documents/:id/comments', documentCommentRoutes(deps))
    .route('/documents/:id/cost-shares', documentCostShareRoutes(deps))
    .route('/documents/:id/resources', documentResourceRoutes(deps))
    .route('/documents/:id/publications', documentPublicationRoutes(deps, collab))
    .route('/documents/:id/timeline', documentTimelineRoutes(deps))
    .route('/stages', stageRoutes(deps))
    .route('/stages/:id/preconditions', stagePreconditionRoutes(deps))
    .route('/preconditions', preconditionRoutes(deps))
    .route('/checkpoints', checkpointRoutes(deps))
    .route('/decisions', decisionRoutes(deps))
    .route('/rounds', roundRoutes(deps))
    .route('/rounds/:id/meetings', roundMeetingRoutes(deps))
    .route('/meetings', meetingRoutes(deps))
    .route('/feedback', feedbackRoutes(deps))
    .route('/comments', commentRoutes(deps))
    .route('/resources', resourceRoutes(deps))
    .route('/publications', publicationRoutes(deps))
    .route('/parties', partyRoutes(deps))
    .route('/parties/:id/members', partyMemberRoutes(deps))
    .route('/parties/:id/invitations', partyInvitationRoutes(deps))
    .route('/parties/:id/bodies', partyBodyRoutes(deps))
    .route('/users', userRoutes(deps))
    .route('/invitations', invitationRoutes(deps));
}

export type AppType = ReturnType<typeof apiRoutes>;
