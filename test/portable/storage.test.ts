// firmware/storage: the KV seam's rules, CRC-32, and the two atomic layers
// (temp file + rename, two-copy raw flash) including recovery from torn writes.
import { utf8Encode } from '../../firmware/bytes/utf8';
import { crc32 } from '../../firmware/storage/crc32';
import { FileKv } from '../../firmware/storage/file-kv';
import { KV_LIMITS, type KvStore } from '../../firmware/storage/kv';
import { TwoCopyKv } from '../../firmware/storage/two-copy-kv';
import { MemoryKv } from '../../hosts/xs/memory-kv';
import { deepEqual, equal, ok, throws } from '../support/assert';
import { FaultPlan, FaultyFileSystem, FaultyFlash, PowerCut } from './storage-fault-media';

function contract(name: string, make: () => KvStore): void {
  describe(`storage: ${name} keeps the KV contract`, () => {
    it('put, get, overwrite, delete, list by prefix (sorted)', () => {
      const kv = make();
      equal(kv.get('a/1'), undefined);
      kv.put('a/2', Uint8Array.of(2));
      kv.put('a/1', Uint8Array.of(1));
      kv.put('b/1', new Uint8Array(0));
      deepEqual(kv.get('a/1'), Uint8Array.of(1));
      deepEqual(kv.get('b/1'), new Uint8Array(0));
      kv.put('a/1', Uint8Array.of(9, 9));
      deepEqual(kv.get('a/1'), Uint8Array.of(9, 9));
      deepEqual(kv.list('a/'), ['a/1', 'a/2']);
      deepEqual(kv.list(''), ['a/1', 'a/2', 'b/1']);
      kv.delete('a/1');
      kv.delete('a/1');
      equal(kv.get('a/1'), undefined);
      deepEqual(kv.list('a/'), ['a/2']);
    });
    it('a caller changing its buffer does not change the stored record', () => {
      const kv = make();
      const value = Uint8Array.of(1, 2, 3);
      kv.put('x', value);
      value[0] = 7;
      const read = kv.get('x') as Uint8Array;
      read[1] = 7;
      deepEqual(kv.get('x'), Uint8Array.of(1, 2, 3));
    });
    it('refuses bad names and oversized values with typed errors', () => {
      const kv = make();
      throws(() => kv.put('', Uint8Array.of(1)), 'storage.bad-key');
      throws(() => kv.put('UPPER', Uint8Array.of(1)), 'storage.bad-key');
      throws(() => kv.put('../escape#', Uint8Array.of(1)), 'storage.bad-key');
      throws(() => kv.get('x'.repeat(KV_LIMITS.maxKeyLength + 1)), 'storage.bad-key');
      throws(() => kv.put('big', new Uint8Array(KV_LIMITS.maxValueLength + 1)), 'storage.too-large');
      throws(() => kv.put('notbytes', [1, 2] as unknown as Uint8Array), 'storage.bad-value');
      kv.put('max', new Uint8Array(KV_LIMITS.maxValueLength));
      equal(kv.get('max')?.length, KV_LIMITS.maxValueLength);
    });
  });
}

contract('MemoryKv (hosts/xs)', () => new MemoryKv());
contract('FileKv (temp file + rename)', () => new FileKv(new FaultyFileSystem(new FaultPlan())));
contract('TwoCopyKv (raw flash)', () => new TwoCopyKv(new FaultyFlash(new FaultPlan())));

describe('storage: CRC-32', () => {
  it('check value of "123456789" is cbf43926 (ISO-HDLC)', () => {
    equal(crc32(utf8Encode('123456789')), 0xcbf43926);
    equal(crc32(new Uint8Array(0)), 0);
  });
});

describe('storage: FileKv', () => {
  it('file names are the hex of the record name; temp files left by a cut are removed on open', () => {
    const fs = new FaultyFileSystem(new FaultPlan());
    const kv = new FileKv(fs);
    kv.put('key/ab', Uint8Array.of(1));
    deepEqual(fs.names(), ['6b65792f6162.rec']);
    fs.files.set('6b65792f6162.tmp', Uint8Array.of(9)); // a write the cut did not rename
    fs.files.set('not-ours.rec', Uint8Array.of(9));
    const reopened = new FileKv(fs);
    deepEqual(fs.names(), ['6b65792f6162.rec', 'not-ours.rec']);
    deepEqual(reopened.get('key/ab'), Uint8Array.of(1));
    deepEqual(reopened.list(''), ['key/ab']);
  });
  it('a stored file over the size limit is storage.corrupt, not a crash', () => {
    const fs = new FaultyFileSystem(new FaultPlan());
    fs.files.set('61.rec', new Uint8Array(KV_LIMITS.maxValueLength + 1));
    throws(() => new FileKv(fs).get('a'), 'storage.corrupt');
  });
  it('a torn temp write or a missing rename leaves the old value', () => {
    for (const cut of [{ at: 1, torn: 1 }, { at: 2 }]) {
      const plan = new FaultPlan();
      const fs = new FaultyFileSystem(plan);
      new FileKv(fs).put('r', Uint8Array.of(1, 1, 1, 1));
      fs.plan = new FaultPlan(cut);
      throws(() => new FileKv(fs).put('r', Uint8Array.of(2, 2, 2, 2)), undefined);
      fs.plan.revive();
      deepEqual(new FileKv(fs).get('r'), Uint8Array.of(1, 1, 1, 1));
    }
  });
});

describe('storage: TwoCopyKv recovery', () => {
  it('alternates copies and reads the newest valid one', () => {
    const flash = new FaultyFlash(new FaultPlan());
    const kv = new TwoCopyKv(flash);
    kv.put('r', Uint8Array.of(1));
    kv.put('r', Uint8Array.of(2));
    kv.put('r', Uint8Array.of(3));
    deepEqual(flash.areas('r#'), ['r#a', 'r#b']);
    deepEqual(kv.get('r'), Uint8Array.of(3));
  });
  it('a torn write (empty, half, all but one byte) leaves the previous value', () => {
    for (let torn = 0; torn < 3; torn++) {
      const flash = new FaultyFlash(new FaultPlan());
      new TwoCopyKv(flash).put('r', Uint8Array.of(1, 2, 3, 4, 5, 6));
      new TwoCopyKv(flash).put('r', Uint8Array.of(7, 7, 7, 7, 7, 7));
      flash.plan = new FaultPlan({ at: 1, torn });
      let cut = false;
      try {
        new TwoCopyKv(flash).put('r', Uint8Array.of(8, 8, 8, 8, 8, 8));
      } catch (e) {
        cut = e instanceof PowerCut;
      }
      ok(cut, 'the cut happened');
      flash.plan.revive();
      deepEqual(new TwoCopyKv(flash).get('r'), Uint8Array.of(7, 7, 7, 7, 7, 7), `torn variant ${torn}`);
    }
  });
  it('a flipped bit in the newest copy falls back to the older copy (CRC)', () => {
    const flash = new FaultyFlash(new FaultPlan());
    const kv = new TwoCopyKv(flash);
    kv.put('r', Uint8Array.of(1));
    kv.put('r', Uint8Array.of(2));
    const b = flash.areasMap.get('r#b') as Uint8Array;
    b[10] ^= 0x01;
    deepEqual(kv.get('r'), Uint8Array.of(1));
  });
  it('delete survives a cut at each of its steps: old value or gone, never garbage', () => {
    for (let at = 1; at <= 3; at++) {
      const flash = new FaultyFlash(new FaultPlan());
      const kv = new TwoCopyKv(flash);
      kv.put('r', Uint8Array.of(1));
      kv.put('r', Uint8Array.of(2));
      flash.plan = new FaultPlan({ at });
      throws(() => new TwoCopyKv(flash).delete('r'));
      flash.plan.revive();
      const after = new TwoCopyKv(flash).get('r');
      ok(after === undefined || (after.length === 1 && after[0] === 2), `cut at ${at}: ${String(after)}`);
      if (at > 1) equal(after, undefined, 'once the tombstone is written the record is gone');
    }
  });
});
