import { Hono } from 'hono';
import { LoginThrottle } from '../auth/login-throttle.js';
import type { CollabServer } from '../collab/server.js';
import type { AppEnv, Deps } from '../env.js';
import { partyBodyRoutes } from './bodies.js';
import { checkpointRoutes, documentCheckpointRoutes } from './checkpoints.js';
import { commentRoutes, documentCommentRoutes } from './comments.js';
import { documentCostShareRoutes } from './cost-shares.js';
import { decisionRoutes, documentDecisionRoutes } from './decisions.js';
import { documentRoutes } from './documents.js';
import { documentDownloadRoutes, publicationDownloadRoutes } from './downloads.js';
import { documentFeedbackRoutes, feedbackRoutes } from './feedback.js';
import { healthRoutes } from './health.js';
import { invitationRoutes } from './invitations.js';
import { meetingRoutes, roundMeetingRoutes } from './meetings.js';
import { partyMemberRoutes } from './memberships.js';
import { minutesRoutes } from './minutes.js';
import { partyRoutes } from './parties.js';
import { partyInvitationRoutes } from './party-invitations.js';
import { preconditionRoutes, stagePreconditionRoutes } from './preconditions.js';
import { documentPublicationRoutes, publicationRoutes } from './publications.js';
import { documentResourceRoutes, resourceRoutes } from './resources.js';
import { documentRoundRoutes, roundRoutes } from './rounds.js';
import { meRoutes, sessionRoutes, setupRoutes } from './session.js';
import { documentStageRoutes, stageRoutes } from './stages.js';
import { documentTimelineRoutes } from './timeline.js';
import { userRoutes } from './users.js';
import { dashboardRoutes, exampleRoutes } from './workspace.js';
import { documentVersionRoutes } from './versions.js';

/*
 * Every /api sub-app, each mounted under its resource's prefix and found in the file
 * named for that resource. A resource that lives inside another (a document's stages,
 * a party's members) is mounted under its owner's path too, from the same file.
 * Chained, so `AppType` carries their types to the client.
 */
export function apiRoutes(deps: Deps, collab: Pick<CollabServer, 'documentJson' | 'documentText' | 'setDocumentJson' | 'resolveAnchors'>) {
  const throttle = new LoginThrottle(deps.db, deps.config.login);
  return new Hono<AppEnv>()
    .route('/health', healthRoutes(deps))
    .route('/session', sessionRoutes(deps, throttle))
    .route('/me', meRoutes(deps, throttle))
    .route('/setup', setupRoutes(deps))
    .route('/dashboard', dashboardRoutes(deps))
    .route('/example', exampleRoutes(deps))
    .route('/documents', documentRoutes(deps, collab))
    .route('/documents/:id/stages', documentStageRoutes(deps))
    .route('/documents/:id/checkpoints', documentCheckpointRoutes(deps))
    .route('/documents/:id/decisions', documentDecisionRoutes(deps))
    .route('/documents/:id/rounds', documentRoundRoutes(deps))
    .route('/documents/:id/feedback', documentFeedbackRoutes(deps, collab))
    .route('/documents/:id/comments', documentCommentRoutes(deps, collab))
    .route('/documents/:id/cost-shares', documentCostShareRoutes(deps))
    .route('/documents/:id/resources', documentResourceRoutes(deps))
    .route('/documents/:id/publications', documentPublicationRoutes(deps, collab))
    .route('/documents/:id', documentVersionRoutes(deps, collab))
    .route('/documents/:id', documentDownloadRoutes(deps, collab))
    .route('/documents/:id/timeline', documentTimelineRoutes(deps))
    .route('/stages', stageRoutes(deps))
    .route('/stages/:id/preconditions', stagePreconditionRoutes(deps))
    .route('/preconditions', preconditionRoutes(deps))
    .route('/checkpoints', checkpointRoutes(deps))
    .route('/decisions', decisionRoutes(deps))
    .route('/rounds', roundRoutes(deps))
    .route('/rounds/:id/meetings', roundMeetingRoutes(deps, collab))
    .route('/meetings', meetingRoutes(deps))
    .route('/meetings/:id/justering', minutesRoutes(deps))
    .route('/feedback', feedbackRoutes(deps))
    .route('/comments', commentRoutes(deps, collab))
    .route('/resources', resourceRoutes(deps))
    .route('/publications', publicationRoutes(deps))
    .route('/publications', publicationDownloadRoutes(deps))
    .route('/parties', partyRoutes(deps))
    .route('/parties/:id/members', partyMemberRoutes(deps))
    .route('/parties/:id/invitations', partyInvitationRoutes(deps))
    .route('/parties/:id/bodies', partyBodyRoutes(deps))
    .route('/users', userRoutes(deps))
    .route('/invitations', invitationRoutes(deps));
}

export type AppType = ReturnType<typeof apiRoutes>;
