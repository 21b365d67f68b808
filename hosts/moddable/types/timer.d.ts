// $(MODULES)/base/timer
declare module 'timer' {
  export type TimerId = { readonly brand: unique symbol };
  const Timer: {
    set(callback: (id: TimerId) => void, interval?: number, repeat?: number): TimerId;
    repeat(callback: (id: TimerId) => void, interval: number): TimerId;
    schedule(id: TimerId, interval?: number, repeat?: number): void;
    clear(id: TimerId | undefined): void;
    delay(ms: number): void;
  };
  export default Timer;
}
