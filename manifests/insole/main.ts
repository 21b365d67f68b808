// The `main` module of the insole image. Module specifiers here are
// manifest module names (main has no directory, so relative imports would not
// resolve); everything else in the image uses relative imports.
import { start } from 'hosts/moddable/main-insole';

export default function main(): void {
  start();
}
