import type { LiveSection } from '../../../shared/live.js';
import { fetchApprovals } from './approvals.js';
import { call, enc, rpc } from './client.js';
import { refreshComments } from './comments.js';
import { fetchFeedback } from './feedback.js';
import { fetchMeeting } from './meetings.js';
import { fetchPublications } from './publications.js';
import { fetchVersions } from './versions.js';
import type { DocumentDetail } from './types.js';

/*
 * One section of a document's metadata, asked for on its own: what the document page
 * refetches when the live channel says that section changed. `null`: the whole detail
 * (the document, its status, parties and approvals decide the permissions and roles
 * too, and the bilagor are listed in their own order only there); `undefined`: the
 * page shows nothing of that section yet (none at the moment).
 */
export type SectionLoader = ((detail: DocumentDetail) => Promise<Partial<DocumentDetail>>) | null | undefined;

const p = (d: DocumentDetail) => ({ param: { id: enc(d.document.id) } });

export const sectionLoaders: Record<LiveSection, SectionLoader> = {
  document: null,
  status: null,
  parties: null,
  // The version and every approval against it (a text edit changes the version too, without an event).
  approvals: async (d) => fetchApprovals(d.document.id),
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
  // The threads are their own query (api/comments.ts), not part of the detail: refetch it and change nothing here.
  comments: async (d) => {
    await refreshComments(d.document.id);
    return {};
  },
  // Publications, named versions and restores: the version timeline and the published versions.
  publications: async (d) => {
    const [publications, versions] = await Promise.all([fetchPublications(d.document.id), fetchVersions(d.document.id)]);
    return { publications: publications.items, versions: versions.items };
  },
};
