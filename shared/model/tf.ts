/**
 * The one place shared/model imports TensorFlow.js. The pure-JS `@tensorflow/tfjs` runs everywhere
 * (Node uses its cpu backend); a browser worker registers a faster backend itself, e.g.
 *   import '@tensorflow/tfjs-backend-wasm'; setWasmPaths(...); await useModelBackend('wasm');
 * Never @tensorflow/tfjs-node: its install downloads a native binary.
 */
import * as tf from '@tensorflow/tfjs';

// Production mode skips tfjs's per-op debug checks and its "install tfjs-node" console nag.
tf.enableProdMode();

export { tf };
export type { LayersModel, Tensor } from '@tensorflow/tfjs';
export type ModelArtifacts = import('@tensorflow/tfjs').io.ModelArtifacts;

/** Switches the tfjs backend ('cpu', 'wasm', 'webgl' … whichever the caller has registered). */
export async function useModelBackend(name: string): Promise<string> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`TensorFlow.js backend "${name}" could not be initialised`);
  await tf.ready();
  return tf.getBackend();
}
