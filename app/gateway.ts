import { wrap, type Remote } from 'comlink';
import type { InsightsWorkerApi } from '../workers/insights.worker';
import type { KdfWorkerApi } from '../workers/kdf.worker';
import type { ModelWorkerApi } from '../workers/model.worker';

/**
 * The single gateway from the page to the Web Workers. Each worker starts on first use and is
 * reused; heavy engines (insights, TensorFlow.js, key derivation) never run on the main thread.
 */
function lazyWorker<T>(create: () => Worker): () => Remote<T> {
  let remote: Remote<T> | null = null;
  return () => (remote ??= wrap<T>(create()));
}

export const gateway = {
  insights: lazyWorker<InsightsWorkerApi>(() => new Worker(new URL('../workers/insights.worker.ts', import.meta.url), { type: 'module', name: 'aurea-insights' })),
  kdf: lazyWorker<KdfWorkerApi>(() => new Worker(new URL('../workers/kdf.worker.ts', import.meta.url), { type: 'module', name: 'aurea-kdf' })),
  model: lazyWorker<ModelWorkerApi>(() => new Worker(new URL('../workers/model.worker.ts', import.meta.url), { type: 'module', name: 'aurea-model' })),
  /** A second instance of the model worker that only trains, so training never delays a prediction. */
  modelTraining: lazyWorker<ModelWorkerApi>(() => new Worker(new URL('../workers/model.worker.ts', import.meta.url), { type: 'module', name: 'aurea-model-training' })),
};
