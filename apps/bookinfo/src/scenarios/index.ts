// The tutorial's scenario catalogue and the sandbox's baseline config.
export * from './catalogue.js';
