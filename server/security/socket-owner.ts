import { readFileSync } from 'node:fs';

/**
 * Which user owns a TCP socket of this machine, from the kernel's tables (`/proc/net/tcp` and
 * `/proc/net/tcp6`, Linux). A loopback connection carries no credentials, but each of its ends is
 * a socket that some user's process holds, and the table says whose. The launch token keeps other
 * users away from /api; this is for what cannot carry the token (Vite's "open in editor") and for
 * a port another user may have taken first (the embedded mock's).
 */
export interface TcpSocket {
  localPort: number;
  remotePort: number;
  /** The kernel's state number: 1 established, 10 listening. */
  state: number;
  uid: number;
}

export const TCP_ESTABLISHED = 0x01;
export const TCP_LISTEN = 0x0a;

const TABLES = ['/proc/net/tcp', '/proc/net/tcp6'];

const portOf = (address: string): number => Number.parseInt(address.slice(address.lastIndexOf(':') + 1), 16);

/** The rows of one table; a row that does not read as one is skipped. */
export function parseTcpTable(text: string): TcpSocket[] {
  const rows: TcpSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const [, local = '', remote = '', st = '', , , , uid = ''] = f;
    const row = {
      localPort: portOf(local),
      remotePort: portOf(remote),
      state: Number.parseInt(st, 16),
      uid: Number(uid),
    };
    if (Object.values(row).every((n) => Number.isInteger(n) && n >= 0)) rows.push(row);
  }
  return rows;
}

/** Every TCP socket of this machine's network, or null where the tables cannot be read (not Linux). */
export function readTcpSockets(): TcpSocket[] | null {
  const rows: TcpSocket[] = [];
  let read = false;
  for (const file of TABLES) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // tcp6 is absent where IPv6 is off
    }
    read = true;
    rows.push(...parseTcpTable(text));
  }
  return read ? rows : null;
}

/** The one user all the sockets belong to; null when there are none, or more than one user. */
function soleOwner(sockets: TcpSocket[]): number | null {
  const first = sockets[0];
  return first !== undefined && sockets.every((s) => s.uid === first.uid) ? first.uid : null;
}

/**
 * The user whose socket is the other end of a loopback connection that this server accepted on
 * `localPort` from `remotePort`; null when it is not in the tables (or they cannot be read).
 */
export function peerOwner(
  remotePort: number,
  localPort: number,
  sockets: TcpSocket[] | null = readTcpSockets(),
): number | null {
  const ends = (sockets ?? []).filter(
    (s) => s.state === TCP_ESTABLISHED && s.localPort === remotePort && s.remotePort === localPort,
  );
  return soleOwner(ends);
}

/**
 * The user whose sockets listen on `port` (on any address); null when none does, when sockets of
 * more than one user do, or when the tables cannot be read.
 */
export function listenerOwner(port: number, sockets: TcpSocket[] | null = readTcpSockets()): number | null {
  return soleOwner((sockets ?? []).filter((s) => s.state === TCP_LISTEN && s.localPort === port));
}

/** This process's user, or null where there is none (Windows). */
export function ownUid(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}
