import { z } from 'zod';
import { unknownKeysError } from './errors';

/**
 * Objects at Baton's boundaries refuse keys they do not declare (a typo must not be dropped
 * silently: `enterpriseAgrement: true` would register a non-EA deal), naming the closest known
 * key. `.extend()` keeps both the strictness and the hint.
 */
export function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, { error: unknownKeysError });
}

/** A record over an enum of keys, some optional, refusing others with the closest known key. */
export function strictPartialRecord<K extends z.core.$ZodRecordKey, V extends z.ZodType>(keys: K, values: V) {
  return z.partialRecord(keys, values, { error: unknownKeysError });
}
