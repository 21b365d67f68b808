// The device images' module firmware/crypto/ciphers (hosts/moddable/manifest.json):
// XS resolves relative specifiers against the module name, so this forwards
// from that name to the substitute, hosts/moddable/crypto/ciphers.
export * from '../../hosts/moddable/crypto/ciphers';
