/** An animal id as the API's path takes it; throws a `TypeError` for anything but a positive whole number. */
export function animalId(id: number | string): string {
  const text = typeof id === "number" ? String(id) : id;
  if (typeof text !== "string" || !/^[1-9]\d*$/.test(text)) {
    throw new TypeError(`animal: id must be a positive whole number such as 71234567, got ${JSON.stringify(id)}`);
  }
  return text;
}

/** An organization id; throws a `TypeError` for anything that could change the path (`../x`). */
export function organizationId(id: string): string {
  if (typeof id !== "string" || !/^[A-Za-z0-9_-]+$/.test(id)) {
    throw new TypeError(`organization: id must be an organization ID such as "OR123", got ${JSON.stringify(id)}`);
  }
  return id;
}
