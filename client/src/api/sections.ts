import type { LiveSection } from '../../../shared/live.js';
import { call, enc, rpc } from './client.js';
import { fetchFeedback } from './feedback.js';
import { fetchMeeting } from './meetings.js';
import type { DocumentDetail } from './types.js';

/*
 * One section of a document's metadata, asked for on its own: what the document page
 * refetches when the live channel says that section changed. `null`: the whole detail
 * (the document, its status, parties and approvals decide the permissions and roles
 * too, and the bilagor are listed in their own order only there); `undefined`: the
 * page shows nothing of that section yet (comments, publications).
 */
export type SectionLoader = ((detail: DocumentDetail) => Promise<Partial<DocumentDetail>>) | null | undefined;

const p = (d: DocumentDetail) => ({ param: { id: enc(d.document.id) } });

export const sectionLoaders: Record<LiveSection, SectionLoader> = {
  document: null,
  status: null,
  parties: null,
  approvals: null,
  attachments: null,
  stages: async (d) => ({ stages: (await call(rpc.documents[':id'].stages.$get(p(d)))).items }),
  checkpoints: async (d) => ({ checkpoints: (await call(rpc.documents[':id'].checkpoints.$get(p(d)))).items }),
  decisions: async (d) => ({ decisions: (await call(rpc.documents[':id'].decisions.$get(p(d)))).items }),
  rounds: async (d) => ({ rounds: (await call(rpc.documents[':id'].rounds.$get(p(d)))).items }),
  meetings: async (d) => {
    const rounds = (await call(rpc.documents[':id'].rounds.$get(p(d)))).items;
    return d.meeting ? { rounds, meeting: await fetchMeeting(d.meeting.id) } : { rounds };
  },
  costs: async (d) => ({ costShares: (await call(rpc.documents[':id']['cost-shares'].$get(p(d)))).items }),
  resources: async (d) => ({ resources: (await call(rpc.documents[':id'].resources.$get(p(d)))).items }),
  feedback: async (d) => ({ feedback: await fetchFeedback(d.document.id) }),
  comments: undefined,
  publications: undefined,
};
