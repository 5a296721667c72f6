/** Why an archive could not be read. */
export type ZipErrorCode =
  /** Not a ZIP archive, or a damaged or truncated one. */
  | "zip-invalid"
  /** A feature this reader does not handle (encryption, multi-disk, unknown compression). */
  | "zip-unsupported"
  /** Reading would decompress more than the caller's limit allows (a zip bomb, or just too big). */
  | "zip-too-large";

/** The only error the ZIP reader throws; callers turn it into a Problem. */
export class ZipError extends Error {
  readonly code: ZipErrorCode;

  constructor(code: ZipErrorCode, message: string) {
    super(message);
    this.name = "ZipError";
    this.code = code;
  }
}
