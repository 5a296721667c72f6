// Values that global-setup.ts hands to test files through vitest's provide/inject.

export interface PythonClient {
  /** The venv's python, with huggingface_hub installed. */
  python: string;
  /** The venv's `hf` command-line client. */
  hf: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** A PostgreSQL URL allowed to CREATE DATABASE; null when PostgreSQL is not among TEST_DIALECTS. */
    postgresAdminUrl: string | null;
    pythonClient: PythonClient;
  }
}
