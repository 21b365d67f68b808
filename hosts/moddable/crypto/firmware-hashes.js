// The device images' module firmware/crypto/hashes (hosts/moddable/manifest.json):
// XS resolves relative specifiers against the module name, so this forwards
// from that name to the substitute, hosts/moddable/crypto/hashes.
export * from '../../hosts/moddable/crypto/hashes';
