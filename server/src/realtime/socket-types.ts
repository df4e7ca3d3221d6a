import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../contract/events.js';
import type { Principal } from '../auth/auth-service.js';

/*
 * The socket server's types, apart from the code that runs it: printing, alerts and the notifier
 * name the server without importing the module that builds it.
 */

export interface SocketData {
  principal: Principal | null;
  ticketId: string | null;
  /** The handshake's token, checked again on every event: it may be revoked, logged out or expired since. */
  token: string | null;
}

export type AntreServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AntreSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
