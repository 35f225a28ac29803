import { createHash } from 'node:crypto';
import type { Sha1 } from '../protocol/index.ts';

/** SHA-1 by `node:crypto`: synchronous, where WebCrypto's is not. */
export const nodeSha1: Sha1 = (data) => createHash('sha1').update(data).digest();
