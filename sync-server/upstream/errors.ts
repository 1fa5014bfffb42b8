/** Why an upstream call did not give an answer. Not-found is an answer, not an error. */
export type FailureKind = 'rate_limited' | 'circuit_open' | 'timeout' | 'network' | 'http_status' | 'malformed';

export type UpstreamName = 'usda' | 'off';

export const UPSTREAM_LABEL: Record<UpstreamName, string> = {
  usda: 'USDA FoodData Central',
  off: 'Open Food Facts',
};

/** A body that is valid JSON but not the shape the upstream documents. */
export class UpstreamFormatError extends Error {
  override name = 'UpstreamFormatError';
}

/** An upstream call that failed or was refused locally (rate limit, open circuit). */
export class UpstreamFailure extends Error {
  override name = 'UpstreamFailure';
  constructor(
    readonly upstream: UpstreamName,
    readonly kind: FailureKind,
    message: string,
    /** When a retry could succeed (rate limit, open circuit), in ms from now. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
