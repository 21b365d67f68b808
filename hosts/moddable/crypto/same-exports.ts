// Types only: each device substitute has exactly the exports (names and
// signatures) of the firmware module it replaces. `npm run typecheck` fails
// when one side gains, loses or changes an export.
import type * as FirmwareCiphers from '../../../firmware/crypto/ciphers';
import type * as FirmwareCurves from '../../../firmware/crypto/curves';
import type * as FirmwareHashes from '../../../firmware/crypto/hashes';
import type * as DeviceCiphers from './ciphers';
import type * as DeviceCurves from './curves';
import type * as DeviceHashes from './hashes';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

export type SubstitutesMatch = [
  Holds<Same<typeof FirmwareCurves, typeof DeviceCurves>>,
  Holds<Same<typeof FirmwareHashes, typeof DeviceHashes>>,
  Holds<Same<typeof FirmwareCiphers, typeof DeviceCiphers>>,
  Holds<Same<keyof typeof FirmwareCurves, keyof typeof DeviceCurves>>,
  Holds<Same<keyof typeof FirmwareHashes, keyof typeof DeviceHashes>>,
  Holds<Same<keyof typeof FirmwareCiphers, keyof typeof DeviceCiphers>>,
];
