// Allocation profile of a server process: preload it into the workers during a benchmark,
//   BENCH_NODE_OPTIONS="--max-old-space-size=320 --max-semi-space-size=16 --require ./bench/alloc-sampler.cjs"
// Unlike `--heap-prof` (what is still live at exit), V8's sampling heap profiler here also keeps the objects the
// garbage collector has freed, so the profile says where the garbage comes from. One file per process in
// ALLOC_PROFILE_DIR (default .data/alloc-profiles), written when the process stops; read it with
// `npx tsx bench/alloc-summary.ts <file>`. With ALLOC_SURVIVORS=1 the profile leaves out what the young generation's
// scavenges freed: it holds what lived long enough to be promoted, the garbage that full collections have to mark.
/* eslint-disable @typescript-eslint/no-require-imports */
const inspector = require("node:inspector");
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.ALLOC_PROFILE_DIR ?? path.join(".data", "alloc-profiles");
const session = new inspector.Session();
session.connect();
session.post("HeapProfiler.enable");
session.post("HeapProfiler.startSampling", { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: process.env.ALLOC_SURVIVORS !== "1" });

let written = false;
function write() {
  if (written) return;
  written = true;
  // The session runs on this thread: the callback comes before post() returns, so this works in an exit handler.
  session.post("HeapProfiler.stopSampling", (error, result) => {
    if (error) return;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${process.pid}.heapprofile`), JSON.stringify(result.profile));
  });
}
process.on("exit", write);
for (const signal of ["SIGTERM", "SIGINT"]) process.prependListener(signal, write);
