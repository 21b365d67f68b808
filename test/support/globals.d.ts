// The suite API both lanes provide: mocha on Node, test/xs/harness.ts on XS.
// Tests are synchronous or return a promise; there are no hooks and no `done`.
declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: () => void | Promise<unknown>): void;
