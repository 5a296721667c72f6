/** Closest candidates to a mistyped name: containment first (`gpqa_diamond` → `diamond`), then small edit distance. */
export function suggest(input: string, candidates: readonly string[], max = 3): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s./]+/g, "");
  const target = norm(input);
  if (target === "") return [];
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of candidates) {
    const c = norm(candidate);
    if (c === "") continue;
    let score: number;
    if (c === target) score = 0;
    else if (target.includes(c) || c.includes(target)) score = 1 + Math.abs(c.length - target.length) / 100;
    else {
      const distance = editDistance(target, c);
      if (distance > Math.max(2, Math.floor(Math.max(c.length, target.length) / 3))) continue;
      score = 2 + distance;
    }
    scored.push({ candidate, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, max)
    .map((s) => s.candidate);
}

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
