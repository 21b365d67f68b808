// Imported first by the generated XS entry: ES imports are evaluated in order,
// so describe/it exist before any suite module runs.
import { installHarness } from './harness';

installHarness();
