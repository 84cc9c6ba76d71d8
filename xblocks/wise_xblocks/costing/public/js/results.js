// What the learner reads about each step after checking. Pure: returns plain data for the DOM code.
export function stepFeedback(result, t) {
  if (!result || !result.status) return { status: null, text: "" };
  const head = t(result.status, {}, result.status);
  const text = result.message && result.status !== "unanswered" ? `${head} ${result.message}` : head;
  return { status: result.status, text };
}

export function summary(results, t) {
  const list = Object.values(results || {});
  const earned = list.reduce((sum, r) => sum + (r.status === "correct" ? (r.possible ?? 1) : 0), 0);
  const possible = list.reduce((sum, r) => sum + (r.possible ?? 1), 0);
  return t("submitted", { earned: Math.round(earned * 100) / 100, possible });
}

export function collectAnswers(inputs) {
  const answers = {};
  for (const input of inputs) answers[input.name] = input.value.trim();
  return answers;
}
