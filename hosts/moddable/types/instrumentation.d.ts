// $(MODULES)/base/instrumentation: the counters xsbug shows.
declare module 'instrumentation' {
  const Instrumentation: {
    get(index: number): number | undefined;
    map(name: string): number | undefined;
    name(index: number): string | undefined;
  };
  export default Instrumentation;
}
