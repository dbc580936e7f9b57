import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listenerOwner, ownUid, parseTcpTable, peerOwner, readTcpSockets, type TcpSocket } from './socket-owner.ts';

// Two rows of /proc/net/tcp as Linux writes them: root listening on 8002, user 1001 connected to it.
const TABLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F42 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
   1: 0100007F:D431 0100007F:1F42 01 00000000:00000000 00:00000000 00000000  1001        0 4243 1 0000000000000000 20 4 30 10 -1
garbage line
`;

describe('the kernel socket tables', () => {
  it('reads ports, state and owner from each row, skipping what is not a row', () => {
    expect(parseTcpTable(TABLE)).toEqual([
      { localPort: 8002, remotePort: 0, state: 10, uid: 0 },
      { localPort: 54321, remotePort: 8002, state: 1, uid: 1001 },
    ]);
  });

  it('names the owner of a listener and of the far end of a connection', () => {
    const rows = parseTcpTable(TABLE);
    expect(listenerOwner(8002, rows)).toBe(0);
    expect(listenerOwner(8003, rows)).toBeNull();
    // The server accepted on 8002 from 54321: that end is user 1001's.
    expect(peerOwner(54321, 8002, rows)).toBe(1001);
    expect(peerOwner(54322, 8002, rows)).toBeNull();
  });

  it('names nobody where sockets of two users match, or the tables cannot be read', () => {
    const rows: TcpSocket[] = [
      { localPort: 8002, remotePort: 0, state: 10, uid: 0 },
      { localPort: 8002, remotePort: 0, state: 10, uid: 1001 },
    ];
    expect(listenerOwner(8002, rows)).toBeNull();
    expect(listenerOwner(8002, null)).toBeNull();
    expect(peerOwner(1, 2, null)).toBeNull();
  });
});

describe.runIf(readTcpSockets() !== null)('on this machine', () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = null;
  });

  it('finds this process as the owner of its own listener and of its own client end', async () => {
    const s = createServer();
    server = s;
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const port = (s.address() as AddressInfo).port;
    expect(listenerOwner(port)).toBe(ownUid());
    const accepted = new Promise<Socket>((resolve) => s.once('connection', resolve));
    const client = connect(port, '127.0.0.1');
    try {
      const end = await accepted;
      expect(end.remotePort).toBe(client.localPort);
      expect(peerOwner(end.remotePort!, end.localPort!)).toBe(ownUid());
      end.destroy();
    } finally {
      client.destroy();
    }
  });
});
