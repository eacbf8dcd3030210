/** Cancels a body the attempt will not read, so its connection is freed; never throws. */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}
