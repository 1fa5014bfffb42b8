/**
 * The one place shared/model imports TensorFlow.js. Its pure-JS packages run everywhere
 * (Node uses its cpu backend); a browser worker registers a faster backend itself, e.g.
 *   import '@tensorflow/tfjs-backend-wasm'; setWasmPaths(...); await useModelBackend('wasm');
 * Never @tensorflow/tfjs-node: its install downloads a native binary.
 */
import * as core from '@tensorflow/tfjs-core';
import * as layers from '@tensorflow/tfjs-layers';
// The pure-JS CPU backend, registered on import: the default in Node and the fallback in browsers.
import '@tensorflow/tfjs-backend-cpu';

/**
 * TensorFlow.js as this code uses it: core (tensors, IO, backends) and layers (the models). Importing
 * these instead of the `@tensorflow/tfjs` union leaves out the WebGL backend, the converter and tfjs-data
 * (the model worker chunk went from 310 to 253 KB gzip).
 */
const tf = { ...core, ...layers, layers: layers.layers, io: core.io };

// Production mode skips tfjs's per-op debug checks and its "install tfjs-node" console nag.
tf.enableProdMode();

export { tf };
export type { LayersModel } from '@tensorflow/tfjs-layers';
export type { Tensor } from '@tensorflow/tfjs-core';
export type ModelArtifacts = import('@tensorflow/tfjs-core').io.ModelArtifacts;

/** Switches the tfjs backend ('cpu', 'wasm', 'webgl' … whichever the caller has registered). */
export async function useModelBackend(name: string): Promise<string> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`TensorFlow.js backend "${name}" could not be initialised`);
  await tf.ready();
  return tf.getBackend();
}
