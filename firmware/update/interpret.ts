// An abstract run of SUIT command sequences (draft-ietf-suit-manifest section
// 6.3, "Abstract Machine Description"): parameters per component, the
// component index, conditions against this device, try-each and run-sequence.
// Directives that touch storage (fetch, copy, invoke) are recorded, not
// performed: the update session (session.ts) performs the one install a
// device supports, and image-match conditions become requirements the
// streamed image must meet. Nested sequences were bounded when parsed.
import { constantTimeEqual } from '../bytes/equal';
import { TinydidError, isTinydidError } from '../errors/tinydid-error';
import type { SuitCommand, SuitParameters } from './commands';
import type { SuitDigest } from './digest';
import { CONDITION, DIRECTIVE } from './labels';

/** What the conditions compare against. Absent fields are not checked (and reported as such). */
export interface DeviceFacts {
  readonly vendorId?: Uint8Array;
  readonly classId?: Uint8Array;
  readonly deviceId?: Uint8Array;
  /** The slot this device would write component `index` to (A/B: the inactive one). */
  slotFor?(index: number): number | undefined;
}

/** Where a component's new content comes from. */
export type ComponentSource = { readonly kind: 'fetch'; readonly uri: string } | { readonly kind: 'copy'; readonly from: number };

export interface ImageRequirement {
  readonly digest: SuitDigest;
  readonly size?: number;
}

export interface ComponentState {
  parameters: SuitParameters;
  source?: ComponentSource;
  /** image-match conditions run on this component (section 8.4.9.2). */
  requirements: ImageRequirement[];
  invoked: boolean;
}

export interface MachineState {
  readonly components: ComponentState[];
  index: readonly number[];
  /** Which identity conditions ran against a known value. */
  checked: { vendor: boolean; class: boolean };
}

/** Errors a try-each alternative may recover from (condition failures, section 8.4.10.2). */
const SOFT: readonly string[] = Object.freeze(['suit.condition-failed', 'suit.wrong-vendor', 'suit.wrong-class']);

export function newMachine(componentCount: number): MachineState {
  const components: ComponentState[] = [];
  for (let i = 0; i < componentCount; i++) components.push({ parameters: {}, requirements: [], invoked: false });
  // section 6.3: the component index starts at 0.
  return { components, index: [0], checked: { vendor: false, class: false } };
}

function snapshot(state: MachineState): MachineState {
  return {
    components: state.components.map((c) => ({ parameters: c.parameters, source: c.source, requirements: c.requirements.slice(), invoked: c.invoked })),
    index: state.index,
    checked: { ...state.checked },
  };
}

function restore(state: MachineState, saved: MachineState): void {
  for (let i = 0; i < state.components.length; i++) state.components[i] = saved.components[i];
  state.index = saved.index;
  state.checked = saved.checked;
}

function need<T>(value: T | undefined, what: string, code: number): T {
  // section 8.4.9: a condition that needs a parameter that is not set fails.
  if (value === undefined) throw new TinydidError('suit.malformed', `command ${code} needs ${what}, which is not set`);
  return value;
}

function condition(state: MachineState, code: number, device: DeviceFacts): void {
  for (const i of state.index) {
    const c = state.components[i];
    const p = c.parameters;
    switch (code) {
      case CONDITION.vendorIdentifier: {
        const expected = need(p.vendorId, 'vendor-id', code);
        if (device.vendorId === undefined) break;
        if (!constantTimeEqual(expected, device.vendorId)) throw new TinydidError('suit.wrong-vendor', 'vendor-id does not match this device (section 8.4.9.1)');
        state.checked.vendor = true;
        break;
      }
      case CONDITION.classIdentifier: {
        const expected = need(p.classId, 'class-id', code);
        if (device.classId === undefined) break;
        if (!constantTimeEqual(expected, device.classId)) throw new TinydidError('suit.wrong-class', 'class-id does not match this device (section 8.4.9.1)');
        state.checked.class = true;
        break;
      }
      case CONDITION.deviceIdentifier: {
        const expected = need(p.deviceId, 'device-id', code);
        if (device.deviceId === undefined) throw new TinydidError('suit.unsupported', 'condition-device-identifier on a device without a device id');
        if (!constantTimeEqual(expected, device.deviceId)) throw new TinydidError('suit.condition-failed', 'device-id does not match this device');
        break;
      }
      case CONDITION.imageMatch: {
        const digest = need(p.imageDigest, 'image-digest', code);
        c.requirements.push(p.imageSize === undefined ? { digest } : { digest, size: p.imageSize });
        break;
      }
      case CONDITION.componentSlot: {
        const slot = need(p.componentSlot, 'component-slot', code);
        // Without a target slot (verifying for no particular device) the
        // condition is not evaluated: the first alternative stands.
        const target = device.slotFor?.(i);
        if (target !== undefined && slot !== target) throw new TinydidError('suit.condition-failed', `component-slot ${slot} is not the target slot ${target} (section 8.4.9.4)`);
        break;
      }
      case CONDITION.abort:
        throw new TinydidError('suit.condition-failed', 'condition-abort (section 8.4.9.5)');
      default:
        // check-content compares a component's stored content; this device
        // keeps no such content outside the image being installed.
        throw new TinydidError('suit.unsupported', `condition ${code} is not supported on this device`);
    }
  }
}

function directive(state: MachineState, code: number): void {
  for (const i of state.index) {
    const c = state.components[i];
    if (code === DIRECTIVE.fetch) {
      c.source = { kind: 'fetch', uri: need(c.parameters.uri, 'uri', code) };
    } else if (code === DIRECTIVE.copy) {
      const from = need(c.parameters.sourceComponent, 'source-component', code);
      if (from === i) throw new TinydidError('suit.malformed', `component ${i} copies from itself`);
      c.source = { kind: 'copy', from };
    } else if (code === DIRECTIVE.invoke) {
      c.invoked = true;
    } else {
      // write (content into a component) and swap need storage operations this
      // device does not offer; an A/B device installs by writing the inactive slot.
      throw new TinydidError('suit.unsupported', `directive ${code} is not supported on this device`);
    }
  }
}

/**
 * Runs `sequence` on `state`. Throws the condition's error (`suit.wrong-vendor`,
 * `suit.wrong-class`, `suit.condition-failed`), `suit.unsupported` for what this
 * device cannot do, `suit.malformed` for a command whose parameter is unset.
 */
export function runSequence(state: MachineState, sequence: readonly SuitCommand[], device: DeviceFacts): void {
  for (const command of sequence) {
    switch (command.kind) {
      case 'set-component-index':
        state.index = command.index === true ? state.components.map((_c, i) => i) : command.index;
        break;
      case 'override-parameters':
        for (const i of state.index) state.components[i].parameters = { ...state.components[i].parameters, ...command.parameters };
        break;
      case 'condition':
        condition(state, command.code, device);
        break;
      case 'directive':
        directive(state, command.code);
        break;
      case 'run-sequence':
        runSequence(state, command.sequence, device);
        break;
      case 'try-each': {
        // section 8.4.10.2: alternatives in order until one completes without a
        // condition failure; an error when none does, unless nil ends the list.
        let last: unknown;
        let done = false;
        for (const alternative of command.alternatives) {
          const saved = snapshot(state);
          try {
            runSequence(state, alternative, device);
            done = true;
            break;
          } catch (error) {
            if (!(isTinydidError(error) && SOFT.includes(error.code))) throw error;
            restore(state, saved);
            last = error;
          }
        }
        if (!done && !command.allowNone) throw last;
        break;
      }
      case 'custom':
        throw new TinydidError('suit.unsupported', `custom command ${command.code} is not supported on this device`);
    }
  }
}
