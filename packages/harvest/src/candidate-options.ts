import { breedFolderName, type SourceCandidatesOptions } from "@cat-harvest/photos";

/**
 * What a source's `candidates` is asked for in a harvest: the size, the colours rule, and, when
 * breeds were asked, their folders only (an animal is offered under both its breeds).
 */
export function candidateOptionsOf(
  plan: { readonly size: SourceCandidatesOptions["size"] },
  source: { readonly breeds: readonly string[] },
  options: { readonly breeds?: readonly string[] | undefined; readonly noColours?: boolean | undefined },
): SourceCandidatesOptions {
  return {
    size: plan.size,
    noColours: options.noColours ?? false,
    ...(options.breeds ? { folders: new Set(source.breeds.map(breedFolderName)), breeds: new Set(source.breeds) } : {}),
  };
}
