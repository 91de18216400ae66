import { randomUUID } from 'node:crypto';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Whole-file writes that readers never see half done. Temporary files start with "." and end in
 * ".tmp" so that directory listings can skip what a crash leaves behind.
 */

export function isTemporaryFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

async function writeDurableTemporary(path: string, content: string): Promise<string> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temporary = join(dir, `.${basename(path)}.${randomUUID()}.tmp`);
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temporary;
}

// A rename or link is durable only once the directory entry itself is flushed.
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Creates `path` with `content` unless it already exists; true when this call created it.
 * Publishes with link(2), not rename(2): link fails with EEXIST instead of replacing, so of
 * concurrent writers (threads, processes, a retry racing a slow first attempt) exactly one wins.
 */
export async function writeFileIfAbsent(path: string, content: string): Promise<boolean> {
  const temporary = await writeDurableTemporary(path, content);
  try {
    await link(temporary, path);
    await syncDirectory(dirname(path));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(temporary);
  }
}

/** Replaces `path` with `content` in one step: readers see the old or the new file, never a mix. */
export async function replaceFile(path: string, content: string): Promise<void> {
  const temporary = await writeDurableTemporary(path, content);
  try {
    await rename(temporary, path);
  } catch (err) {
    await unlink(temporary);
    throw err;
  }
  await syncDirectory(dirname(path));
}
