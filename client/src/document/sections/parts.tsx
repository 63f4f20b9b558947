import type { LiveSection } from '../../../../shared/live.js';
import type { Editor } from '@tiptap/core';
import type { JSX } from 'solid-js';
import type { DocumentDetail, Party } from '../../api/types.js';

/** What a section of the panel reads and changes. */
export interface PanelView {
  detail: () => DocumentDetail;
  set: (next: DocumentDetail) => void;
  /** Says at the top of the panel whether a change was saved or taken back. */
  report: (result: { ok: boolean; error?: unknown }) => void;
  parties: () => Party[];
  parent: () => DocumentDetail | undefined;
  /** Asks again for one section (after a change whose answer may be older than news already shown). */
  refresh: (section: LiveSection) => void;
  /** The live editor of the text, once it is there (answers point into it). */
  editor: () => Editor | null;
}

export function Section(props: { id: string; title: string; children: JSX.Element }) {
  return (
    <section class="panel-section" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function Row(props: { label: string; children: JSX.Element }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

/** A party's name from the hub's list, else from the document's own parties. */
export function partyNameIn(view: PanelView, id: string | null): string {
  if (!id) return '';
  return view.parties().find((p) => p.id === id)?.name ?? view.detail().parties.find((p) => p.partyId === id)?.name ?? '';
}
