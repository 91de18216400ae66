/** A seeded PRNG (mulberry32): fault schedules repeat exactly from the printed seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The seed from `name` in the environment, else a fresh one; printed so a failure can be replayed. */
export function faultSeed(name: string): number {
  const seed = process.env[name] ? Number(process.env[name]) : Math.floor(Math.random() * 2 ** 31);
  console.log(`[faults] seed ${seed} (${name}=${seed} repeats this run)`);
  return seed;
}
