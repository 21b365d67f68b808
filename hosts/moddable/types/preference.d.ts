// $(MODULES)/files/preference: small persistent values by domain and key.
// Limits (SDK 8.2 sources; hosts/moddable/README.md explains how we live with them):
// - ESP32 (NVS): domain and key at most 15 characters each; set is atomic per key.
// - nRF52 (the "esp" flash implementation, one 4 KB sector, double-buffered):
//   domain and key at most 31 characters; an ArrayBuffer value at most 63 bytes,
//   and domain + key + value + 5 bytes of framing at most 128 bytes.
// - lin (simulator): a JSON file; no limits worth stating.
declare module 'preference' {
  type PreferenceValue = string | boolean | number | ArrayBuffer;
  const Preference: {
    set(domain: string, key: string, value: PreferenceValue): void;
    get(domain: string, key: string): PreferenceValue | undefined;
    delete(domain: string, key: string): void;
    keys(domain: string): string[];
  };
  export default Preference;
}
