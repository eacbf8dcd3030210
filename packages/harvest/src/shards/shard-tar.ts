/** One member of a shard's tar. */
export interface TarMember {
  readonly name: string;
  readonly size: number;
  /** Its bytes, asked for only when the member's turn comes. */
  readonly body: () => Promise<ReadableStream<Uint8Array> | Uint8Array>;
}

const BLOCK = 512;
/** Fixed header fields: the same bytes on every run, machine and user. */
const FIXED = { type: "file", mode: 0o644, uid: 0, gid: 0, mtime: new Date(0) } as const;

/** The tar's length: per member a header block and its data padded to whole blocks, then two zero blocks. */
export function tarSize(members: readonly TarMember[]): number {
  let size = 2 * BLOCK;
  for (const member of members) size += BLOCK + Math.ceil(member.size / BLOCK) * BLOCK;
  return size;
}

/**
 * The tar of `members`, in their order, as a stream (modern-tar's packer, as the tar adapter
 * uses): ustar headers with mtime 0, uid/gid 0, mode 0644 and no user names, so the same
 * members give the same bytes. Each body is opened in turn; a body of another length errors
 * the stream.
 */
export async function tarStream(members: readonly TarMember[]): Promise<ReadableStream<Uint8Array>> {
  // Loaded only by a run that writes shards.
  const { createTarPacker } = await import("modern-tar");
  const { readable, controller } = createTarPacker();
  const produce = async () => {
    for (const member of members) {
      const entry = controller.add({ name: member.name, size: member.size, ...FIXED });
      const body = await member.body();
      if (body instanceof Uint8Array) {
        const writer = entry.getWriter();
        if (body.byteLength > 0) await writer.write(body);
        await writer.close();
      } else await body.pipeTo(entry);
    }
    controller.finalize();
  };
  produce().catch((error: unknown) => {
    try {
      controller.error(error);
    } catch {
      // already ended
    }
  });
  return readable;
}
