// Hands the build's precompiled validators to validateStructure (see vite-validators.ts):
// import this once before checking a resource in the browser.
import { installPrecompiledValidators } from '@rudder/shared/kinds';
import validators from 'virtual:rudder-validators';

installPrecompiledValidators(validators);
