/** The folder part of a key (`Bengal/1-1.jpg` -> `Bengal`). */
export function folderOf(key: string): string {
  const slash = key.lastIndexOf("/");
  return slash === -1 ? "" : key.slice(0, slash);
}
