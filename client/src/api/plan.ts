import type { StageStatus } from './types.js';
import { call, enc, rpc } from './client.js';

/* A document's plan: stages and their preconditions. */

export const addStage = (documentId: string, title: string) =>
  call(rpc.documents[':id'].stages.$post({ param: { id: enc(documentId) }, json: { title } }));

export const setStageStatus = (stageId: string, status: StageStatus) =>
  call(rpc.stages[':id'].$patch({ param: { id: enc(stageId) }, json: { status } }));

export const setPreconditionMet = (preconditionId: string, met: boolean) =>
  call(rpc.preconditions[':id'].$patch({ param: { id: enc(preconditionId) }, json: { met } }));
