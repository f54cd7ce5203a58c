// Seeded random choices for the generated corpora of the differential tests (psa-diff,
// verdict-diff), so a failure is reproducible from its seed.

// mulberry32: a small deterministic PRNG.
export const seededRandom = (seed) => {
  let state = seed | 0
  const rand = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { rand, pick: (xs) => xs[Math.floor(rand() * xs.length)] }
}

// ABSENT as a value to set deletes the key: a field can be unset as well as null.
export const ABSENT = Symbol('absent')
export const set = (obj, key, value) => {
  if (value === ABSENT) delete obj[key]
  else obj[key] = value
}
