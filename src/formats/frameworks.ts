/**
 * Known `evaluation_framework` ids (Hugging Face's list as of 2026-08-21, in its order).
 * The hub may configure its own list; this is the default.
 */
export const DEFAULT_FRAMEWORKS: readonly string[] = [
  "exgentic", "inspect-ai", "math-arena", "mteb", "olmocr-bench", "harbor", "ifstruct", "pier",
  "redline-bench", "archipelago", "benchflow", "apex-evals", "screenspot-pro", "swe-bench",
  "swe-bench-pro", "nemo-evaluator", "yc-bench", "open-asr-leaderboard", "mdpbench",
  "real5-omnidocbench", "parsebench", "video-mme-v2", "claw-eval", "researchclawbench", "pbench",
  "wildclawbench", "wbench", "nanofold", "mmmu", "extractbench",
];

export const INSPECT_AI = "inspect-ai";
