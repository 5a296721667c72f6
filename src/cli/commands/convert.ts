import type { Command } from "commander";

// Placeholder registration; the converter is being written (see issue "Foundation").
export function registerConvert(_program: Command): void {}
