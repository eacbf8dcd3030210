import type { PhotoSource } from "@cat-harvest/photos";
import type { CommandIO } from "./command-io.js";
import { CommandCredentialsError } from "./errors.js";
import { DEMO_SEED } from "./open-api.js";

/** What the command knows of a source that takes one API key. */
export interface KeyedSourceSpec {
  readonly name: "rescuegroups" | "thecatapi";
  readonly title: string;
  /** The environment variable holding the key. */
  readonly env: string;
  /** The flag that may hold it instead. */
  readonly flag: string;
  /** Where to get a key. */
  readonly signup: string;
  /** The `name` of the client's error for a refused key. */
  readonly authError: string;
  /**
   * The client and source, loaded only when asked for (`import()`); `fetch` is what the
   * client requests through (a queue worker's passes each request through the source's shared ceiling).
   */
  readonly open: (apiKey: string, baseUrl: string | undefined, requestsPerSecond?: number, fetch?: typeof globalThis.fetch) => Promise<PhotoSource>;
  /** The source's documented polite rate, its client's default: the ceiling a queue shares over every worker. */
  readonly requestsPerSecond: () => Promise<number>;
  /**
   * The bundled emulator, loaded only for --demo; its API root and how to stop it. With
   * `crossPosts`, it serves the photos the other emulators at its seed post too.
   */
  readonly emulator: (scale: number, crossPosts: boolean) => Promise<{ readonly apiUrl: string; stop(): Promise<void> }>;
}

/** The sources with one API key each; Petfinder (OAuth client id and secret) is opened by `openApi`. */
export const KEYED_SOURCES: readonly KeyedSourceSpec[] = [
  {
    name: "rescuegroups",
    title: "RescueGroups.org",
    env: "RESCUEGROUPS_API_KEY",
    flag: "rescuegroups-key",
    signup: "https://rescuegroups.org/services/adoptable-pet-data-api/",
    authError: "RescueGroupsAuthError",
    async open(apiKey, baseUrl, requestsPerSecond, fetch) {
      const { createRescueGroupsClient, createRescueGroupsSource } = await import("@cat-harvest/rescuegroups");
      return createRescueGroupsSource(
        createRescueGroupsClient({ apiKey, ...(baseUrl ? { baseUrl } : {}), ...(requestsPerSecond ? { requestsPerSecond } : {}), ...(fetch ? { fetch } : {}) }),
      );
    },
    requestsPerSecond: async () => (await import("@cat-harvest/rescuegroups")).DEFAULT_REQUESTS_PER_SECOND,
    async emulator(scale, crossPosts) {
      const { startRescueGroupsEmulator } = await import("@cat-harvest/rescuegroups-emulator");
      return startRescueGroupsEmulator({ seed: DEMO_SEED, scale, crossPosts, host: "127.0.0.1", port: 0 });
    },
  },
  {
    name: "thecatapi",
    title: "The Cat API",
    env: "THECATAPI_API_KEY",
    flag: "thecatapi-key",
    signup: "https://thecatapi.com/signup",
    authError: "CatApiAuthError",
    async open(apiKey, baseUrl, requestsPerSecond, fetch) {
      const { createCatApiClient, createCatApiSource } = await import("@cat-harvest/thecatapi");
      return createCatApiSource(
        createCatApiClient({ apiKey, ...(baseUrl ? { baseUrl } : {}), ...(requestsPerSecond ? { requestsPerSecond } : {}), ...(fetch ? { fetch } : {}) }),
      );
    },
    requestsPerSecond: async () => (await import("@cat-harvest/thecatapi")).DEFAULT_REQUESTS_PER_SECOND,
    async emulator(scale, crossPosts) {
      const { startCatApiEmulator } = await import("@cat-harvest/thecatapi-emulator");
      return startCatApiEmulator({ seed: DEMO_SEED, scale, crossPosts, host: "127.0.0.1", port: 0 });
    },
  },
];

/** The key of a keyed source, from its flag or its variable; none is a `CommandCredentialsError` naming both and where to get one. */
export function keyOf(spec: KeyedSourceSpec, flags: { readonly keys?: Readonly<Record<string, string>> }, io: CommandIO): string {
  const key = flags.keys?.[spec.name] ?? io.env[spec.env];
  if (key) return key;
  throw new CommandCredentialsError(
    `No ${spec.title} key: set ${spec.env} (or pass --${spec.flag}). Get a free key at ${spec.signup}. ` +
      `No key? \`${io.programName ?? "cat-harvest"} --demo --source ${spec.name}\` harvests from the bundled emulator with none.`,
  );
}
