import type { ContentMatch, Schema } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { documentFragment } from '../../shared/editor/extensions.js';
import { editorSchema } from './content.js';
import type { DecodedUpdate } from './messages.js';
import { pendingRanges } from './update-check.js';

/*
 * Whether an update inserts only what the editor's schema allows, in the shape y-prosemirror
 * (@tiptap/y-tiptap) writes it. Anything else would be "repaired" (deleted) by every browser
 * that renders the document, and a read-only browser's repair used to cost it its connection.
 *
 * Only what the update inserts is looked at, never the whole document: each new item is
 * placed (which type it goes into, under which attribute key) from its parent or its left or
 * right neighbour, found in the document, earlier in the same update, or in an update this
 * check already passed that is still on its way to the database (fast typing sends the next
 * keystroke before the previous one is applied). Deletions are always fine.
 */

/** Where an item goes. */
type Container =
  | { kind: 'fragment' }
  | { kind: 'element'; node: string }
  | { kind: 'text'; node: string }
  /** Garbage-collected: Yjs discards whatever is inserted there. */
  | { kind: 'gone' }
  /** Something no item of the editor may go into; `what` names it. */
  | { kind: 'invalid'; what: string };

interface Place {
  container: Container;
  /** Attribute key (Y.Map entry) or null for a position in the type's sequence. */
  sub: string | null;
}

/** What the check learnt about items it passed that are not in the document yet. */
interface Accepted {
  clock: number;
  end: number;
  place: Place;
  /** For an item holding a type: what its own children go into. */
  own: Container | null;
}

type Resolved = Place | 'missing';
type Content = Y.Item['content'];

const gone: Place = { container: { kind: 'gone' }, sub: null };
const hashedMarkName = /(.*)(--[a-zA-Z0-9+/=]{8})$/;
/** Close reasons are at most 123 bytes; names in them are cut to this many characters. */
const nameLimit = 40;

interface NodeRule {
  children: Set<string>;
  text: boolean;
  attrs: Set<string>;
  marks: Set<string>;
}

interface Rules {
  nodes: Map<string, NodeRule>;
  top: NodeRule;
  marks: Map<string, Set<string>>;
}

let rules: Rules | null = null;

function schemaRules(): Rules {
  rules ??= buildRules(editorSchema());
  return rules;
}

function buildRules(schema: Schema): Rules {
  const nodes = new Map<string, NodeRule>();
  for (const type of Object.values(schema.nodes)) {
    const reachable = reachableTypes(type.contentMatch);
    nodes.set(type.name, {
      children: new Set([...reachable].filter((n) => n !== 'text')),
      text: reachable.has('text'),
      attrs: new Set(Object.keys(type.spec.attrs ?? {})),
      marks: new Set(Object.values(schema.marks).filter((m) => type.allowsMarkType(m)).map((m) => m.name)),
    });
  }
  const marks = new Map(Object.values(schema.marks).map((m) => [m.name, new Set(Object.keys(m.spec.attrs ?? {}))] as const));
  return { nodes, top: nodes.get(schema.topNodeType.name)!, marks };
}

/** Every node type that may appear anywhere in a content expression. */
function reachableTypes(start: ContentMatch): Set<string> {
  const types = new Set<string>();
  const seen = new Set<ContentMatch>();
  const todo = [start];
  for (let match = todo.pop(); match; match = todo.pop()) {
    if (seen.has(match)) continue;
    seen.add(match);
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i);
      types.add(edge.type.name);
      todo.push(edge.next);
    }
  }
  return types;
}

/*
 * Per live document: items passed but not yet applied, per client in clock order. Applied
 * ones are dropped from the front as the document's state vector passes them; everything is
 * dropped once no write is in flight (so a passed update that was then not stored cannot
 * vouch for anything for long).
 */
class InFlight {
  private readonly clients = new Map<number, { records: Accepted[]; end: number }>();

  add(client: number, record: Accepted): void {
    const entry = this.clients.get(client);
    if (!entry) {
      this.clients.set(client, { records: [record], end: record.end });
      return;
    }
    const { records } = entry;
    if (records[records.length - 1]!.clock < record.clock) {
      records.push(record);
      if (record.clock <= entry.end) entry.end = Math.max(entry.end, record.end);
      return;
    }
    let at = records.length;
    while (at > 0 && records[at - 1]!.clock > record.clock) at--;
    records.splice(at, 0, record);
    entry.end = contiguousEnd(records);
  }

  /** Drops what the document has applied. */
  prune(doc: Y.Doc): void {
    for (const [client, entry] of this.clients) {
      const state = Y.getState(doc.store, client);
      let drop = 0;
      while (drop < entry.records.length && entry.records[drop]!.end <= state) drop++;
      if (drop === entry.records.length) this.clients.delete(client);
      else if (drop) {
        entry.records.splice(0, drop);
        entry.end = contiguousEnd(entry.records);
      }
    }
  }

  /** How far the client's clock is known, counting from `state` (what the document has). */
  knownUntil(client: number, state: number): number {
    const entry = this.clients.get(client);
    return entry && entry.records[0]!.clock <= state ? Math.max(state, entry.end) : state;
  }

  find(client: number, clock: number): Accepted | undefined {
    const records = this.clients.get(client)?.records;
    if (!records) return undefined;
    let lo = 0;
    let hi = records.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = records[mid]!;
      if (clock < r.clock) hi = mid - 1;
      else if (clock >= r.end) lo = mid + 1;
      else return r;
    }
    return undefined;
  }
}

/** End of the run of records without gaps from the first one. */
function contiguousEnd(records: Accepted[]): number {
  let end = records[0]!.end;
  for (let i = 1; i < records.length && records[i]!.clock <= end; i++) end = Math.max(end, records[i]!.end);
  return end;
}

const accepted = new WeakMap<Y.Doc, InFlight>();

/**
 * Null when every item the update inserts fits the editor's schema; otherwise what is wrong,
 * short enough for a WebSocket close reason. `writesInFlight`: whether updates passed earlier
 * may still be on their way into `doc`.
 */
export function schemaViolation(doc: Y.Doc, update: DecodedUpdate, writesInFlight: boolean): string | null {
  let inFlight = accepted.get(doc);
  if (inFlight && !writesInFlight) {
    accepted.delete(doc);
    inFlight = undefined;
  }
  inFlight?.prune(doc);
  const check = new Check(doc, update, inFlight);
  const violation = check.run();
  if (violation !== null) return truncate(violation);
  if (check.passed.length) {
    if (!inFlight) accepted.set(doc, (inFlight = new InFlight()));
    for (const [client, record] of check.passed) inFlight.add(client, record);
  }
  return null;
}

class Check {
  readonly passed: Array<[number, Accepted]> = [];
  private readonly structs: Array<Y.Item | Y.GC | Y.Skip>;
  /** Per client, indices into structs (the update lists each client's structs in clock order). */
  private readonly byClient = new Map<number, number[]>();
  private readonly places: Array<Resolved | undefined> = [];
  private readonly owns: Array<Container | 'missing' | undefined> = [];
  private pending: ReturnType<typeof pendingRanges> | null = null;
  private readonly rules = schemaRules();

  constructor(
    private readonly doc: Y.Doc,
    update: DecodedUpdate,
    private readonly inFlight: InFlight | undefined,
  ) {
    this.structs = update.structs;
    this.structs.forEach((s, i) => {
      let list = this.byClient.get(s.id.client);
      if (!list) this.byClient.set(s.id.client, (list = []));
      list.push(i);
    });
  }

  run(): string | null {
    for (let i = 0; i < this.structs.length; i++) {
      const struct = this.structs[i]!;
      if (!(struct instanceof Y.Item)) continue;
      const { client, clock } = struct.id;
      if (this.knownUntil(client) >= clock + struct.length) continue; // a resend: Yjs skips it
      const place = this.place(i);
      if (place === 'missing') {
        // Yjs would hold it back until its dependency arrives, and then apply it unchecked.
        if (this.coveredByPending(client, clock, clock + struct.length)) continue;
        return 'depends on content the server does not have';
      }
      const wrong = this.contentViolation(struct, place);
      if (wrong) return wrong;
      const own = struct.content instanceof Y.ContentType ? this.own(i) : null;
      this.passed.push([client, { clock, end: clock + struct.length, place, own: own === 'missing' ? null : own }]);
    }
    return null;
  }

  /** The client's clock up to which the document has everything, counting passed updates in flight. */
  private knownUntil(client: number): number {
    const state = Y.getState(this.doc.store, client);
    return this.inFlight ? this.inFlight.knownUntil(client, state) : state;
  }

  private coveredByPending(client: number, clock: number, end: number): boolean {
    this.pending ??= pendingRanges(this.doc);
    return this.pending.structs.some((r) => r.client === client && r.clock <= clock && end <= r.end);
  }

  // --- Placing items. Iterative: an update can hold long chains of items each left of the next.

  private place(index: number): Resolved {
    return this.solve(index * 2) as Resolved;
  }

  private own(index: number): Container | 'missing' {
    return this.solve(index * 2 + 1) as Container | 'missing';
  }

  /** Key 2i: place of struct i; 2i+1: what struct i's own children go into. */
  private solve(key: number): Resolved | Container {
    const memo = (k: number) => (k % 2 === 0 ? this.places[k >> 1] : this.owns[k >> 1]);
    const stack = [key];
    const visiting = new Set<number>([key]);
    while (stack.length) {
      const k = stack[stack.length - 1]!;
      const step = k % 2 === 0 ? this.placeStep(k >> 1) : this.ownStep(k >> 1);
      if (typeof step === 'number') {
        if (visiting.has(step)) {
          // A cycle of items each waiting for the other: Yjs could never apply them.
          if (k % 2 === 0) this.places[k >> 1] = 'missing';
          else this.owns[k >> 1] = 'missing';
          visiting.delete(k);
          stack.pop();
          continue;
        }
        visiting.add(step);
        stack.push(step);
        continue;
      }
      if (k % 2 === 0) this.places[k >> 1] = step as Resolved;
      else this.owns[k >> 1] = step as Container | 'missing';
      visiting.delete(k);
      stack.pop();
    }
    return memo(key)!;
  }

  /** The place of struct i, or the key that must be solved first. */
  private placeStep(i: number): Resolved | number {
    const done = this.places[i];
    if (done !== undefined) return done;
    const item = this.structs[i] as Y.Item;
    const { client, clock } = item.id;
    const known = this.knownUntil(client);
    // Partly known: Yjs applies only the rest, to the right of the known part, in its parent.
    if (clock < known) return this.neighbourPlace(Y.createID(client, known - 1));
    // As Yjs does: next to a garbage-collected neighbour, an item is discarded.
    for (const id of [item.origin, item.rightOrigin]) {
      if (id && this.lookup(id).kind === 'gc') return gone;
    }
    const parent = item.parent as string | Y.ID | null;
    if (typeof parent === 'string') {
      return { container: parent === documentFragment ? { kind: 'fragment' } : { kind: 'invalid', what: `root "${cut(parent)}"` }, sub: item.parentSub };
    }
    if (parent) return this.typeContainer(parent, item.parentSub);
    const neighbour = item.origin ?? item.rightOrigin;
    return neighbour ? this.neighbourPlace(neighbour) : 'missing';
  }

  private ownStep(i: number): Container | 'missing' | number {
    const done = this.owns[i];
    if (done !== undefined) return done;
    const item = this.structs[i] as Y.Item;
    const type = (item.content as Y.ContentType).type;
    if (type instanceof Y.XmlElement) return { kind: 'element', node: type.nodeName };
    if (type instanceof Y.XmlText) {
      const place = this.places[i];
      if (place === undefined) return i * 2;
      return place === 'missing' ? 'missing' : textIn(place.container);
    }
    return { kind: 'invalid', what: typeName(type) };
  }

  /** Place of the item a neighbour id points into (its parent and key are inherited). */
  private neighbourPlace(id: Y.ID): Resolved | number {
    const found = this.lookup(id);
    switch (found.kind) {
      case 'gc':
        return gone;
      case 'missing':
        return 'missing';
      case 'store':
        return { container: storeContainer(this.doc, found.item.parent as Y.AbstractType<unknown> | null), sub: found.item.parentSub };
      case 'inFlight':
        return found.record.place;
      case 'update': {
        const place = this.places[found.index];
        return place === undefined ? found.index * 2 : place;
      }
    }
  }

  /** What goes into the type held by the item at `id`. */
  private typeContainer(id: Y.ID, sub: string | null): Resolved | number {
    const found = this.lookup(id);
    switch (found.kind) {
      case 'gc':
        return gone;
      case 'missing':
        return 'missing';
      case 'store': {
        const content = found.item.content;
        // A deleted type whose content was collected: Yjs discards what goes into it.
        if (content instanceof Y.ContentDeleted) return gone;
        if (!(content instanceof Y.ContentType)) return { container: { kind: 'invalid', what: 'content that is not a type' }, sub };
        return { container: storeContainer(this.doc, content.type), sub };
      }
      case 'inFlight':
        return { container: found.record.own ?? { kind: 'invalid', what: 'content that is not a type' }, sub };
      case 'update': {
        const item = this.structs[found.index] as Y.Item;
        if (item.content instanceof Y.ContentDeleted) return gone;
        if (!(item.content instanceof Y.ContentType)) return { container: { kind: 'invalid', what: 'content that is not a type' }, sub };
        const own = this.owns[found.index];
        if (own === undefined) return found.index * 2 + 1;
        return own === 'missing' ? 'missing' : { container: own, sub };
      }
    }
  }

  private lookup(
    id: Y.ID,
  ):
    | { kind: 'store'; item: Y.Item }
    | { kind: 'gc' }
    | { kind: 'inFlight'; record: Accepted }
    | { kind: 'update'; index: number }
    | { kind: 'missing' } {
    const { client, clock } = id;
    if (clock < Y.getState(this.doc.store, client)) {
      const struct = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
      return struct instanceof Y.Item ? { kind: 'store', item: struct } : { kind: 'gc' };
    }
    const record = this.inFlight?.find(client, clock);
    if (record) return { kind: 'inFlight', record };
    const indices = this.byClient.get(client);
    if (indices) {
      let lo = 0;
      let hi = indices.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const s = this.structs[indices[mid]!]!;
        if (clock < s.id.clock) hi = mid - 1;
        else if (clock >= s.id.clock + s.length) lo = mid + 1;
        else return s instanceof Y.Item ? { kind: 'update', index: indices[mid]! } : s instanceof Y.GC ? { kind: 'gc' } : { kind: 'missing' };
      }
    }
    return { kind: 'missing' };
  }

  // --- What may go where.

  private contentViolation(item: Y.Item, { container, sub }: Place): string | null {
    const content = item.content;
    if (container.kind === 'gone') return null;
    if (container.kind === 'invalid') return `inserts into ${container.what}`;
    if (sub !== null) {
      if (container.kind !== 'element') return `attribute "${cut(sub)}" on ${container.kind === 'text' ? 'text' : 'the document'}`;
      const rule = this.rules.nodes.get(container.node);
      if (!rule) return `inserts into unknown node "${cut(container.node)}"`;
      if (!rule.attrs.has(sub)) return `attribute "${cut(sub)}" on "${cut(container.node)}"`;
      if (content instanceof Y.ContentAny || content instanceof Y.ContentDeleted) return null;
      return `attribute "${cut(sub)}" on "${cut(container.node)}" holds ${contentName(content)}`;
    }
    if (content instanceof Y.ContentDeleted) return null;
    if (container.kind === 'text') return this.textContentViolation(content, container.node);
    const rule = container.kind === 'fragment' ? this.rules.top : this.rules.nodes.get(container.node);
    const where = container.kind === 'fragment' ? 'the document' : `"${cut(container.node)}"`;
    if (!rule) return `inserts into unknown node ${where}`;
    if (!(content instanceof Y.ContentType)) return `${contentName(content)} in ${where}`;
    const type = content.type;
    if (type instanceof Y.XmlElement) {
      if (!this.rules.nodes.has(type.nodeName) || type.nodeName === 'text') return `unknown node "${cut(type.nodeName)}"`;
      if (!rule.children.has(type.nodeName)) return `node "${cut(type.nodeName)}" in ${where}`;
      return null;
    }
    if (type instanceof Y.XmlText) return rule.text ? null : `text in ${where}`;
    return `${typeName(type)} in ${where}`;
  }

  private textContentViolation(content: Content, node: string): string | null {
    if (content instanceof Y.ContentString) return null;
    if (!(content instanceof Y.ContentFormat)) return `${contentName(content)} in text`;
    const mark = hashedMarkName.exec(content.key)?.[1] ?? content.key;
    const attrs = this.rules.marks.get(mark);
    if (!attrs) return `unknown mark "${cut(mark)}"`;
    const rule = this.rules.nodes.get(node);
    if (!rule) return `inserts into unknown node "${cut(node)}"`;
    if (!rule.marks.has(mark)) return `mark "${mark}" in "${node}"`;
    const value: unknown = content.value;
    // null ends the mark's range.
    if (value === null) return null;
    if (typeof value !== 'object' || Array.isArray(value)) return `mark "${mark}" without attributes`;
    for (const key of Object.keys(value)) if (!attrs.has(key)) return `attribute "${cut(key)}" on mark "${mark}"`;
    return null;
  }
}

function storeContainer(doc: Y.Doc, type: Y.AbstractType<unknown> | null): Container {
  if (!type) return { kind: 'gone' };
  if (type._item === null) {
    if (doc.share.get(documentFragment) === type) return { kind: 'fragment' };
    return { kind: 'invalid', what: `root "${cut(Y.findRootTypeKey(type))}"` };
  }
  if (type instanceof Y.XmlElement) return { kind: 'element', node: type.nodeName };
  if (type instanceof Y.XmlText) return textIn(storeContainer(doc, type._item.parent as Y.AbstractType<unknown> | null));
  return { kind: 'invalid', what: typeName(type) };
}

/** What goes into a Y.XmlText placed in `container`. */
function textIn(container: Container): Container {
  if (container.kind === 'element') return { kind: 'text', node: container.node };
  if (container.kind === 'gone' || container.kind === 'invalid') return container;
  return { kind: 'invalid', what: 'misplaced text' };
}

function typeName(type: Y.AbstractType<unknown>): string {
  if (type instanceof Y.XmlHook) return 'an XML hook';
  if (type instanceof Y.XmlFragment) return 'a nested XML fragment';
  if (type instanceof Y.Text) return 'a Y.Text';
  if (type instanceof Y.Map) return 'a Y.Map';
  if (type instanceof Y.Array) return 'a Y.Array';
  return 'an unknown type';
}

function contentName(content: Content): string {
  if (content instanceof Y.ContentString) return 'a string';
  if (content instanceof Y.ContentAny) return 'a plain value';
  if (content instanceof Y.ContentBinary) return 'binary content';
  if (content instanceof Y.ContentEmbed) return 'an embed';
  if (content instanceof Y.ContentFormat) return 'formatting';
  if (content instanceof Y.ContentJSON) return 'JSON content';
  if (content instanceof Y.ContentDoc) return 'a subdocument';
  if (content instanceof Y.ContentType) return typeName(content.type);
  return 'unknown content';
}

function cut(name: string): string {
  return name.length > nameLimit ? `${name.slice(0, nameLimit)}…` : name;
}

function truncate(reason: string): string {
  const bytes = new TextEncoder().encode(reason);
  return bytes.length <= 120 ? reason : `${new TextDecoder().decode(bytes.slice(0, 110)).replace(/\uFFFD+$/, '')}…`;
}
