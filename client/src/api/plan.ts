import type { z } from 'zod';
import type { checkpointInput, checkpointPatch, costSharesInput, resourceInput, stagePatch } from '../../../shared/schemas.js';
import type { StageStatus } from './types.js';
import { call, enc, rpc } from './client.js';

/* A document's plan: stages and their preconditions, checkpoints, cost shares, resources. */

export const addStage = (documentId: string, title: string) =>
  call(rpc.documents[':id'].stages.$post({ param: { id: enc(documentId) }, json: { title } }));

export const setStageStatus = (stageId: string, status: StageStatus) =>
  call(rpc.stages[':id'].$patch({ param: { id: enc(stageId) }, json: { status } }));

export const patchStage = (stageId: string, patch: z.input<typeof stagePatch>) =>
  call(rpc.stages[':id'].$patch({ param: { id: enc(stageId) }, json: patch }));

export const setPreconditionMet = (preconditionId: string, met: boolean) =>
  call(rpc.preconditions[':id'].$patch({ param: { id: enc(preconditionId) }, json: { met } }));

export const addCheckpoint = (documentId: string, input: z.input<typeof checkpointInput>) =>
  call(rpc.documents[':id'].checkpoints.$post({ param: { id: enc(documentId) }, json: input }));

export const patchCheckpoint = (checkpointId: string, patch: z.input<typeof checkpointPatch>) =>
  call(rpc.checkpoints[':id'].$patch({ param: { id: enc(checkpointId) }, json: patch }));

export const setCostShares = (documentId: string, items: z.input<typeof costSharesInput>['items']) =>
  call(rpc.documents[':id']['cost-shares'].$put({ param: { id: enc(documentId) }, json: { items } }));

export const addResource = (documentId: string, input: z.input<typeof resourceInput>) =>
  call(rpc.documents[':id'].resources.$post({ param: { id: enc(documentId) }, json: input }));

export const removeResource = (resourceId: string) => call(rpc.resources[':id'].$delete({ param: { id: enc(resourceId) } }));
