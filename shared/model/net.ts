/**
 * A fitted symptom model as a TensorFlow.js layers model, so the worker can run it on the backend it
 * picked and store it with tfjs IO (IndexedDB). Two standard Dense layers, no custom layers:
 *   x (encoded day) → Dense(1, no bias): η = x·w → Dense(5, sigmoid, kernel 1, bias −c_k): P(score ≥ k).
 */
import { tf, type LayersModel, type Tensor } from './tf';

export interface SymptomNet {
  model: LayersModel;
  /** Copies of the weights as stored in the model (float32), for explanations without a tensor round trip. */
  weights: Float32Array;
  cutpoints: Float32Array;
}

export function buildSymptomNet(weights: ArrayLike<number>, cutpoints: ArrayLike<number>): SymptomNet {
  const p = weights.length;
  const k = cutpoints.length;
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 1, useBias: false, inputShape: [p], name: 'linear', kernelInitializer: 'zeros' }),
      tf.layers.dense({ units: k, activation: 'sigmoid', name: 'cutpoints', kernelInitializer: 'ones', biasInitializer: 'zeros' }),
    ],
  });
  const w = Float32Array.from(weights);
  const c = Float32Array.from(cutpoints);
  tf.tidy(() => {
    model.layers[0]!.setWeights([tf.tensor2d(w, [p, 1])]);
    model.layers[1]!.setWeights([tf.ones([1, k]), tf.tensor1d(c.map((v) => -v))]);
  });
  return { model, weights: w, cutpoints: c };
}

/** Reads the weights back out of a loaded model. */
export function netFromModel(model: LayersModel): SymptomNet {
  const [kernel] = model.layers[0]!.getWeights();
  const [, bias] = model.layers[1]!.getWeights();
  if (!kernel || !bias) throw new Error('not an Aurea symptom model: missing weights');
  const weights = Float32Array.from(kernel.dataSync());
  const cutpoints = Float32Array.from(bias.dataSync(), (v) => -v);
  return { model, weights, cutpoints };
}

/** P(score ≥ k) for each row of a dense input matrix (rows × columns, row-major). */
export function exceedanceBatch(net: SymptomNet, dense: Float32Array, rows: number): number[][] {
  if (rows === 0) return [];
  const cols = net.weights.length;
  const out = tf.tidy(() => (net.model.predict(tf.tensor2d(dense, [rows, cols])) as Tensor).dataSync());
  const k = net.cutpoints.length;
  const result: number[][] = [];
  for (let r = 0; r < rows; r++) result.push(Array.from(out.subarray(r * k, (r + 1) * k)));
  return result;
}
