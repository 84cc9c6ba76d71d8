// The Studio editor's unit links: one per line, "competence | address | title".
export function parseUnitLines(text) {
  const units = [];
  const errors = [];
  String(text).split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const parts = line.split("|").map((part) => part.trim());
    if (parts.length < 3 || !parts[0] || !parts[1] || !parts.slice(2).join("|").trim()) {
      errors.push(index + 1);
      return;
    }
    units.push({ competence: parts[0], href: parts[1], title: parts.slice(2).join(" | ") });
  });
  return { units, errors };
}
