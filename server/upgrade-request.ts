/*
 * @hono/node-ws keeps each upgrade's Hono context reachable from the socket's handlers for the
 * socket's lifetime. Its env holds the upgrade's IncomingMessage (headers and all), which nothing
 * reads once the socket is open: a WebSocket route calls the returned function in onOpen.
 */
export function releaseUpgradeRequest(env: unknown): () => void {
  const holder = env as { incoming?: unknown } | undefined;
  return () => {
    if (holder) holder.incoming = undefined;
  };
}
