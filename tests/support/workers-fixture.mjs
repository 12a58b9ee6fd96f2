// @ts-check
/**
 * server.mjs's process model around a stub handler, for tests/workers.test.ts: the primary runs
 * server/workers.mjs; each worker serves its pid (or crashes on /crash) behind the same graceful
 * shutdown as the app. FIXTURE_FAIL=1 makes every worker fail at start, as a bad configuration would.
 */
import cluster from "node:cluster";
import { createRollcallServer, installGracefulShutdown } from "../../server/rollcall-server.mjs";
import { runWorkers } from "../../server/workers.mjs";

const port = Number(process.env.PORT);
if (cluster.isPrimary) runWorkers(Number(process.env.WEB_CONCURRENCY), { log: (m) => console.log(m) });
else {
  if (process.env.FIXTURE_FAIL) {
    console.error("cannot start");
    process.exit(3);
  }
  const server = createRollcallServer({
    log: () => {},
    handler: (req, res) => {
      if (req.url === "/crash") process.exit(7);
      const respond = () => res.end(JSON.stringify({ pid: process.pid, gate: process.env.ROLLCALL_WORKERS }));
      if (req.url === "/slow") setTimeout(respond, 600);
      else respond();
    },
  });
  installGracefulShutdown(server, { log: (m) => console.log(`[${process.pid}] ${m}`) });
  server.listen(port, "127.0.0.1", () => process.send?.({ ready: `http://127.0.0.1:${port}` }));
}
