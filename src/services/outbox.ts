/** Reports written offline and not yet sent to the server. */
export async function getUnsyncedCount(): Promise<number> {
  return 0 // TODO(lead): the offline queue replaces this stub with its real count.
}
