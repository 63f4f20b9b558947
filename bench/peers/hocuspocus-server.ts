import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import SQLite from 'better-sqlite3';

/*
 * The peer most TipTap users would pick: Hocuspocus with its database extension on a SQLite
 * file, configured as its documentation shows and with its default store debounce (2 s, at most
 * 10 s), so it stores the whole document some seconds after an edit rather than before relaying it.
 * Run by the peer benchmark as a separate process: PORT, PEER_SQLITE_PATH.
 */

const sqlite = new SQLite(process.env.PEER_SQLITE_PATH!);
sqlite.pragma('journal_mode = WAL');
sqlite.exec('create table if not exists documents (name text primary key, data blob not null)');
const select = sqlite.prepare<[string], { data: Buffer }>('select data from documents where name = ?');
const upsert = sqlite.prepare<[string, Buffer]>('insert into documents (name, data) values (?, ?) on conflict (name) do update set data = excluded.data');

const server = new Server({
  port: Number(process.env.PORT),
  address: '127.0.0.1',
  quiet: true,
  extensions: [
    new Database({
      fetch: async ({ documentName }) => select.get(documentName)?.data ?? null,
      store: async ({ documentName, state }) => {
        upsert.run(documentName, state);
      },
    }),
  ],
});
await server.listen();
console.log(`Hocuspocus is running at ${server.webSocketURL}`);

// Exit on SIGTERM (the benchmark's stop) like the hub does, so --cpu-prof writes its profile.
process.on('SIGTERM', () => process.exit(0));
