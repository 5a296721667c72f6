// The demo hub `evalhub serve --demo` loads into an empty data folder. Every benchmark, model, score and
// comment here was made up for evalhub, to show its pages; none of it measures a real model.

export const DEMO_NOTE = "This is demo content loaded by `evalhub serve --demo`: made up for evalhub, not a real measurement.";

export interface DemoBenchmark {
  id: string;
  title: string;
  evalYaml: string;
  readme: string;
  official: boolean;
}

export interface DemoModel {
  id: string;
  readme: string;
  /** `.eval_results/` file name → its YAML. */
  results: Record<string, string>;
}

const benchmarkReadme = (title: string, what: string) => `---
license: cc0-1.0
tags: [evalhub-demo]
---
# ${title} (demo)

> ${DEMO_NOTE}

${what}
`;

export const DEMO_USERS = ["demo-lab", "pebble-works", "marta-evals"] as const;
export const DEMO_ORG = "evalhub-demo";

export const DEMO_BENCHMARKS: DemoBenchmark[] = [
  {
    id: `${DEMO_ORG}/sums-and-stories`,
    title: "Sums and Stories",
    official: true,
    evalYaml: `name: Sums and Stories (demo)
description: Arithmetic word problems in two levels, made up for the evalhub demo.
evaluation_framework: math-arena
tasks:
  - id: easy
    name: One-step problems
    scale: percent
  - id: hard
    name: Multi-step problems
    scale: percent
`,
    readme: benchmarkReadme("Sums and Stories", "Short stories that end in a question with a number for an answer. Two tasks: one-step and multi-step problems. Scores are the percentage of exact answers."),
  },
  {
    id: `${DEMO_ORG}/patch-the-bug`,
    title: "Patch the Bug",
    official: true,
    evalYaml: `name: Patch the Bug (demo)
description: Small programs with one bug each; a fix counts when the hidden tests pass. Made up for the evalhub demo.
evaluation_framework: swe-bench
tasks:
  - id: python
    name: Python functions
    scale: fraction
`,
    readme: benchmarkReadme("Patch the Bug", "Each item is a short Python function with one bug and a failing test. A model's patch counts when every hidden test passes. Scores are the fraction of items fixed."),
  },
  {
    id: `${DEMO_ORG}/reply-latency`,
    title: "Reply Latency",
    official: false,
    evalYaml: `name: Reply Latency (demo)
description: Seconds to the first token on a fixed prompt set; lower is better. Made up for the evalhub demo.
evaluation_framework: exgentic
tasks:
  - id: first-token
    name: Time to first token (s)
    lower_is_better: true
`,
    readme: benchmarkReadme("Reply Latency", "How long a model takes to start answering, in seconds, on one machine. A community benchmark: not official, lower is better."),
  },
];

const modelReadme = (name: string, parameters: number, blurb: string, base?: string) => `---
license: apache-2.0
num_parameters: ${parameters}
${base ? `base_model: ${base}\n` : ""}tags: [evalhub-demo]
---
# ${name} (demo)

> ${DEMO_NOTE}

${blurb}
`;

const entry = (dataset: string, task: string, value: number, date: string, extra = "") =>
  `- dataset:\n    id: ${dataset}\n    task_id: ${task}\n  value: ${value}\n  date: "${date}"\n${extra}`;

const SUMS = `${DEMO_ORG}/sums-and-stories`;
const PATCH = `${DEMO_ORG}/patch-the-bug`;
const LATENCY = `${DEMO_ORG}/reply-latency`;

export const DEMO_MODELS: DemoModel[] = [
  {
    id: "demo-lab/pebble-7b",
    readme: modelReadme("Pebble 7B", 7_000_000_000, "A mid-sized demo model that is good at arithmetic stories."),
    results: {
      "sums-and-stories.yaml": entry(SUMS, "easy", 81.5, "2026-09-02", "  notes: zero-shot\n") + entry(SUMS, "hard", 54.2, "2026-09-02", "  notes: zero-shot\n"),
      "patch-the-bug.yaml": entry(PATCH, "python", 0.41, "2026-09-10"),
      "reply-latency.yaml": entry(LATENCY, "first-token", 0.32, "2026-09-12"),
    },
  },
  {
    id: "demo-lab/pebble-1b",
    readme: modelReadme("Pebble 1B", 1_100_000_000, "The small sibling of Pebble 7B, distilled from it.", "demo-lab/pebble-7b"),
    results: {
      "sums-and-stories.yaml": entry(SUMS, "easy", 62.0, "2026-09-20") + entry(SUMS, "hard", 31.7, "2026-09-20"),
      "reply-latency.yaml": entry(LATENCY, "first-token", 0.09, "2026-09-20"),
    },
  },
  {
    id: "pebble-works/granite-13b",
    readme: modelReadme("Granite 13B", 13_000_000_000, "A larger demo model tuned for code repair."),
    results: {
      "patch-the-bug.yaml": entry(PATCH, "python", 0.58, "2026-10-01", "  notes: with a test runner in the loop\n"),
      "sums-and-stories.yaml": entry(SUMS, "easy", 77.0, "2026-10-01") + entry(SUMS, "hard", 49.9, "2026-10-01"),
    },
  },
  {
    id: "marta-evals/quill-3b",
    readme: modelReadme("Quill 3B", 3_000_000_000, "A small demo model; one of its reported scores was hidden by its owner (see the ledger)."),
    results: {
      "sums-and-stories.yaml": entry(SUMS, "easy", 70.4, "2026-10-15") + entry(SUMS, "hard", 97.0, "2026-10-15", "  notes: evaluated on the public examples\n"),
    },
  },
];

/** The community pull request: another user adds a score to a model they do not own. */
export const DEMO_PULL_REQUEST = {
  model: "pebble-works/granite-13b",
  author: "marta-evals",
  title: "Add Reply Latency result (demo)",
  file: ".eval_results/reply-latency.yaml",
  content: entry(LATENCY, "first-token", 0.55, "2026-10-20", "  notes: measured on one A100, demo numbers\n"),
  comment: "I measured Granite's latency on the demo prompt set; happy to share the log. *(demo pull request)*",
};

/** The hidden result: Quill's owner hides an implausible score, with a reason, in the public ledger. */
export const DEMO_HIDDEN = {
  model: "marta-evals/quill-3b",
  file: ".eval_results/sums-and-stories.yaml",
  task: "hard",
  reason: "Demo: scored on the public examples, which the model saw in training.",
};
