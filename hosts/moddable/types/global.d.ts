// Globals of the Moddable SDK runtime (XS 17) that hosts/moddable uses. Our own
// declarations, checked in CI by tsconfig.moddable.json without the SDK; the
// published @moddable/typings package is older than SDK 8.x.

/** Writes its arguments to the debug console (xsbug, or stdout in the Linux simulator). */
declare function trace(...values: unknown[]): void;
