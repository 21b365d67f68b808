// The device images' module firmware/crypto/curves (hosts/moddable/manifest.json):
// XS resolves relative specifiers against the module name, so this forwards
// from that name to the substitute, hosts/moddable/crypto/curves.
export * from '../../hosts/moddable/crypto/curves';
