// One file per dialect, so that two test workers can run the two long randomised runs side by side.
import { describeRandomisedRun } from "./randomised-suite.ts";

describeRandomisedRun("postgres");
