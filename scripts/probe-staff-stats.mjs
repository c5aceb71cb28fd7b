// node scripts/probe-staff-stats.mjs <server url>
// Staff statistics through real sockets, from a process of its own (pin it to another core than
// the server: taskset -c 0 node scripts/probe-staff-stats.mjs http://127.0.0.1:3000). The server
// needs the analyst of scripts/bench-org-fixture.ts. Prints query latencies and the worst latency
// of a cheap probe request asked every 5 ms, against the probe alone as the baseline.
const base = process.argv[2];
const [email, password] = ['analyst@bench-advocacy.example', 'bench-analyst-not-a-real-password'];
const login = await fetch(`${base}/api/staff/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email, password }),
});
const cookie = login.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .find((c) => c.startsWith('vs_staff='));
const dims = ['region', 'perpetrator', 'violence', 'identity', 'ageBand', 'setting', 'gbvType'];
const queries = [];
for (let i = 0; i < dims.length; i++)
  for (let j = i + 1; j < dims.length; j++)
    for (let k = j + 1; k < dims.length; k++) queries.push(`by=${dims[i]},${dims[j]},${dims[k]}`);
const monthQueries = [
  'by=month,region,perpetrator&from=2017-01&to=2026-12',
  'by=month,region',
  'by=month,perpetrator,violence&from=2020-01&to=2026-12',
  'by=month,gbvType,region',
];
// Warm up the worker (it loads a million reports).
await fetch(`${base}/api/org/stats?by=region`, { headers: { cookie } });
const probes = [];
let stop = false;
const probe = (async () => {
  while (!stop) {
    const t = performance.now();
    await fetch(`${base}/api/transport-key`);
    probes.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 5));
  }
})();
const quiet = async (ms) => {
  const n = probes.length;
  await new Promise((r) => setTimeout(r, ms));
  return Math.max(...probes.slice(n));
};
const q0 = await quiet(5000);
const run = async (list, rounds) => {
  const n = probes.length;
  const lat = [];
  for (let r = 0; r < rounds; r++)
    for (const q of list) {
      const t = performance.now();
      const res = await fetch(`${base}/api/org/stats?${q}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${q} ${res.status}`);
      lat.push(performance.now() - t);
    }
  lat.sort((a, b) => a - b);
  const pr = probes.slice(n).sort((a, b) => a - b);
  return {
    n: lat.length,
    p50: lat[Math.floor(lat.length / 2)].toFixed(1),
    p99: lat[Math.ceil(lat.length * 0.99) - 1].toFixed(1),
    probeP99: pr[Math.ceil(pr.length * 0.99) - 1].toFixed(1),
    probeMax: pr.at(-1).toFixed(1),
  };
};
const three = await run(queries, 3);
const month = await run(monthQueries, 5);
stop = true;
await probe;
console.log(JSON.stringify({ quietProbeMax: q0.toFixed(1), three, month }));
