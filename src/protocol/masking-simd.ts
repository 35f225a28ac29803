/**
 * The masking XOR (RFC 6455 §5.3) as a WebAssembly SIMD kernel: 16 bytes
 * per instruction instead of the 4 of src/protocol/masking.ts's word loop,
 * which stays the readable reference (test/protocol/masking-simd.test.ts
 * checks that both agree on any data, key and offset).
 *
 * Why: ws with bufferutil masks in C with SIMD, and the bench measured our
 * word loop at a quarter to a third of it on 64 KiB and 1 MiB frames
 * (bench/frames.bench.ts), short of the 2× bound the project set itself.
 *
 * The module is 98 bytes, written out below instruction by instruction (no
 * toolchain): one function `mask(n, key)` that XORs the first `n` bytes of
 * its memory (n a multiple of 16) with the 32-bit key repeated. wasm cannot
 * reach a JavaScript buffer, so the data goes through its one 64 KiB page
 * a chunk at a time: copy in, XOR, copy out; a chunk is a multiple of 4
 * bytes long, so the key's phase is the same at the start of every chunk.
 *
 * Where WebAssembly or its SIMD instructions are missing (or a page's
 * Content-Security-Policy forbids compiling), `createSimdMask` returns null
 * and the word loop does all the masking.
 */

/** The function body: locals, then the loop. */
const BODY = [
  0x02, 0x01, 0x7f, 0x01, 0x7b, //               locals: $i i32, $kv v128 (params: $n 0, $key 1)
  0x20, 0x01, 0xfd, 0x11, 0x21, 0x03, //         $kv = i32x4.splat($key)
  0x02, 0x40, 0x03, 0x40, //                     block, loop
  0x20, 0x02, 0x20, 0x00, 0x4f, 0x0d, 0x01, //     br_if 1 ($i >= $n)
  0x20, 0x02, //                                   address $i for the store
  0x20, 0x02, 0xfd, 0x00, 0x00, 0x00, //           v128.load $i
  0x20, 0x03, 0xfd, 0x51, //                       v128.xor $kv
  0xfd, 0x0b, 0x00, 0x00, //                       v128.store
  0x20, 0x02, 0x41, 0x10, 0x6a, 0x21, 0x02, //     $i += 16
  0x0c, 0x00, //                                   br 0
  0x0b, 0x0b, 0x0b, //                           end loop, end block, end function
];

const MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x06, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x00, // type section: (i32, i32) -> ()
  0x03, 0x02, 0x01, 0x00, //                         function section: one function of type 0
  0x05, 0x03, 0x01, 0x00, 0x01, //                   memory section: one memory, 1 page (64 KiB)
  // export section: "mask" (function 0), "memory" (memory 0)
  0x07, 0x11, 0x02, 0x04, 0x6d, 0x61, 0x73, 0x6b, 0x00, 0x00, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00,
  0x0a, BODY.length + 2, 0x01, BODY.length, ...BODY, // code section: one body
]);

/** One wasm page: the chunk that goes through the kernel at a time. */
const CHUNK = 64 * 1024;

/** XORs `data` in place with the 4-byte masking key, 16 bytes at a time (the last `length % 16` in a byte loop). */
export type MaskFunction = (data: Uint8Array, key: Uint8Array) => void;

/** The SIMD kernel behind the same signature as `applyMask`, or null where it cannot run. */
export function createSimdMask(): MaskFunction | null {
  let instance: WebAssembly.Instance;
  try {
    if (typeof WebAssembly !== 'object' || !WebAssembly.validate(MODULE)) return null;
    instance = new WebAssembly.Instance(new WebAssembly.Module(MODULE));
  } catch {
    return null;
  }
  const kernel = instance.exports['mask'] as (n: number, key: number) => void;
  const memory = new Uint8Array((instance.exports['memory'] as WebAssembly.Memory).buffer);
  return (data, key) => {
    // The key as the 32-bit lane whose bytes in memory are key[0..3] (wasm memory is little-endian on every host).
    const word = key[0]! | (key[1]! << 8) | (key[2]! << 16) | (key[3]! << 24);
    const length = data.length;
    const whole = length & ~15;
    for (let start = 0; start < whole; start += CHUNK) {
      const end = Math.min(start + CHUNK, whole);
      memory.set(data.subarray(start, end));
      kernel(end - start, word);
      data.set(memory.subarray(0, end - start), start);
    }
    for (let i = whole; i < length; i++) data[i]! ^= key[i & 3]!;
  };
}
