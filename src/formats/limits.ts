/** Caps that keep hostile files from costing more than a legitimate one could. */
export interface FormatLimits {
  /** Largest YAML or JSON text accepted, in bytes. */
  maxBytes: number;
  /** Most alias nodes (`*ref`) a YAML document may use. */
  maxAliases: number;
  /** Deepest nesting of collections. */
  maxDepth: number;
  /** Most nodes (scalars, maps, sequences) in one document. */
  maxNodes: number;
  /** Largest total decompressed size read out of an archive (e.g. an Inspect `.eval` log). */
  maxDecompressedBytes: number;
  /** Largest compressed log accepted. */
  maxLogBytes: number;
}

export const DEFAULT_LIMITS: FormatLimits = {
  maxBytes: 1024 * 1024,
  maxAliases: 100,
  maxDepth: 64,
  maxNodes: 100_000,
  maxDecompressedBytes: 256 * 1024 * 1024,
  maxLogBytes: 256 * 1024 * 1024,
};

export function withLimits(partial?: Partial<FormatLimits>): FormatLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}
