import type { ResumeInfo } from "./dataset.js";

/** The lines a resumed run logs about what it found in its destination (none for a fresh one). */
export function resumeLines(resume: ResumeInfo): string[] {
  const lines: string[] = [];
  if (resume.unreadableLines > 0) {
    const where = resume.unreadable.map((u) => `${u.file} line ${u.line}: ${u.problem}`).join("; ");
    lines.push(
      `Recovered the data set's metadata: kept every whole line, skipped ${resume.unreadableLines} unreadable (${where}${resume.unreadableLines > resume.unreadable.length ? "; ..." : ""}); ` +
        "files they listed are re-hashed and kept",
    );
  }
  if (resume.stored + resume.unlisted + resume.damaged === 0) return lines;
  lines.push(
    `Resuming: ${resume.stored} files stored earlier` +
      (resume.rechecked ? ` (${resume.rechecked} re-hashed: changed since stored, or never checked)` : "") +
      (resume.unlisted ? `, ${resume.unlisted} unlisted to re-hash and keep` : "") +
      (resume.damaged ? `, ${resume.damaged} missing or damaged to fetch again` : ""),
  );
  return lines;
}
