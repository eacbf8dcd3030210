import { textFingerprint } from "./fingerprint.js";
import { folderOf } from "./folder-of.js";
import type { NameTable } from "./name-table.js";
import { createSlotColumn } from "./slot-column.js";

/**
 * Which file keeps each content within a folder (a photo filed under two breeds keeps both
 * copies). Of byte-identical files the one whose key sorts first is kept, whatever order the
 * downloads (or the breeds' records) arrive in, so the same input gives the same files: a copy
 * that sorts later but finished first is stored too and dropped at the end (`losers`), on
 * stores that can delete. Where files cannot be removed (an archive), the first copy stored
 * wins (`firstWins`).
 */
export interface ContentClaims {
  /** Notes a file already stored with this content (from an earlier run, or adopted). */
  add(sha256: string, key: string): void;
  /** Claims content for `key`: returns the file keeping it (so `key` is a duplicate), or `undefined` after claiming. */
  claim(sha256: string, key: string): string | undefined;
  /** Gives up a claim whose put did not complete. */
  release(sha256: string, key: string): void;
  /** Files holding the same content as a kept file of their folder, with that file; `isStored` says which claimants were stored. */
  losers(isStored: (key: string, sha256: string) => boolean): Array<{ key: string; keeper: string }>;
}

/**
 * Claims are kept compact: a claim is a node of typed arrays (the file's slot in `names`, its
 * 32-byte SHA-256, the next node of its chain), chained from a map keyed by a number made of
 * the content's and folder's fingerprint; a chain is walked comparing the exact bytes and
 * folder, so two contents sharing a fingerprint are never taken for each other.
 */
export function createContentClaims(options: { readonly firstWins: boolean; readonly names: NameTable }): ContentClaims {
  const { names } = options;
  const heads = new Map<number, number>();
  const slotOf = createSlotColumn(Uint32Array);
  const next = createSlotColumn(Uint32Array);
  const active = createSlotColumn(Uint8Array);
  const sha = createSlotColumn(Uint8Array, 32);
  let nodes = 1; // node 0 ends a chain

  const chainId = (sha256: string, folder: string) => {
    const { hi: h1, lo: h2 } = textFingerprint(`${folder}\u0000${sha256}`);
    return h1 * 0x100000 + (h2 & 0xfffff);
  };
  const sameContent = (node: number, bytes: ArrayLike<number>, folder: string) => {
    const view = sha.view(node);
    for (let i = 0; i < 32; i++) if (view[i] !== bytes[i]) return false;
    return folderOf(names.name(slotOf.get(node))) === folder;
  };
  const toBytes = (sha256: string) => Uint8Array.from({ length: 32 }, (_, i) => parseInt(sha256.slice(i * 2, i * 2 + 2), 16));
  /** The active claimants of this content in this folder, in the order they claimed it. */
  const claimants = (sha256: string, key: string) => {
    const folder = folderOf(key);
    const bytes = toBytes(sha256);
    const out: Array<{ node: number; key: string }> = [];
    for (let node = heads.get(chainId(sha256, folder)) ?? 0; node !== 0; node = next.get(node)) {
      if (active.get(node) && sameContent(node, bytes, folder)) out.push({ node, key: names.name(slotOf.get(node)) });
    }
    return { out, folder, bytes };
  };
  /** Whether an active node before `node` in its chain holds the same content in the same folder. */
  const claimedEarlier = (head: number, node: number) => {
    const folder = folderOf(names.name(slotOf.get(node)));
    for (let other = head; other !== node; other = next.get(other)) if (active.get(other) && sameContent(other, sha.view(node), folder)) return true;
    return false;
  };
  const first = (keys: ReadonlyArray<{ key: string }>) =>
    keys.reduce<string | undefined>((best, { key }) => (best === undefined || key < best ? key : best), undefined);
  const add = (sha256: string, key: string) => {
    const { out, folder, bytes } = claimants(sha256, key);
    if (out.some((c) => c.key === key)) return;
    const node = nodes++;
    slotOf.set(node, names.intern(key));
    for (let i = 0; i < 32; i++) sha.set(node, bytes[i]!, i);
    active.set(node, 1);
    // Appended at the chain's end, so a walk meets claimants in the order they came.
    const id = chainId(sha256, folder);
    let last = heads.get(id) ?? 0;
    if (last === 0) heads.set(id, node);
    else {
      while (next.get(last) !== 0) last = next.get(last);
      next.set(last, node);
    }
  };

  return {
    add,
    claim(sha256, key) {
      const keys = claimants(sha256, key).out;
      const keeper = options.firstWins ? keys[0]?.key : first(keys);
      if (keeper !== undefined && (options.firstWins || keeper < key)) return keeper;
      add(sha256, key);
      return undefined;
    },
    release(sha256, key) {
      for (const { node, key: claimant } of claimants(sha256, key).out) if (claimant === key) active.set(node, 0);
    },
    losers(isStored) {
      const out: Array<{ key: string; keeper: string }> = [];
      for (const head of heads.values()) {
        // Most contents have one claimant: nothing to drop.
        if (next.get(head) === 0) continue;
        for (let node = head; node !== 0; node = next.get(node)) {
          if (!active.get(node) || claimedEarlier(head, node)) continue;
          const key = names.name(slotOf.get(node));
          const sha256 = Array.from(sha.view(node), (b) => b.toString(16).padStart(2, "0")).join("");
          const stored = claimants(sha256, key).out.filter((c) => isStored(c.key, sha256));
          const keeper = first(stored);
          for (const { key: loser } of stored) if (loser !== keeper) out.push({ key: loser, keeper: keeper! });
        }
      }
      return out;
    },
  };
}
