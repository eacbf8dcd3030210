/** The v5 routes the emulator serves, read from a path. */
export type ApiRoute =
  | { readonly kind: "breeds"; readonly name: string; readonly species: string | undefined }
  | { readonly kind: "search"; readonly name: string; readonly species: string; readonly hasPictures: boolean }
  | { readonly kind: "animal"; readonly name: string; readonly id: string }
  | { readonly kind: "unknown"; readonly name: string };

const PREFIX = "/v5/public/animals";

/** The route of a path (a trailing slash is allowed, as the client sends on the breeds search); its `name` is what the stats count. */
export function apiRoute(pathname: string): ApiRoute {
  const path = pathname.replace(/\/+$/, "");
  if (path === `${PREFIX}/breeds`) return { kind: "breeds", name: `${PREFIX}/breeds`, species: undefined };
  const breeds = new RegExp(`^${PREFIX}/breeds/search/([^/]+)$`).exec(path);
  if (breeds) return { kind: "breeds", name: `${PREFIX}/breeds/search/{species}`, species: decodeURIComponent(breeds[1]!) };
  const search = new RegExp(`^${PREFIX}/search/available/([^/]+)(/haspic)?$`).exec(path);
  if (search) {
    const hasPictures = search[2] !== undefined;
    return {
      kind: "search",
      name: `${PREFIX}/search/available/{species}${hasPictures ? "/haspic" : ""}`,
      species: decodeURIComponent(search[1]!),
      hasPictures,
    };
  }
  const animal = new RegExp(`^${PREFIX}/([^/]+)$`).exec(path);
  if (animal && animal[1] !== "search" && animal[1] !== "breeds") return { kind: "animal", name: `${PREFIX}/{id}`, id: animal[1]! };
  return { kind: "unknown", name: "unknown" };
}
